import { z } from 'zod';
import { defineEvents, type EventDataOf, type EventTypeOf } from '@voxmesh/wire';
import { accountDocSchema } from './account.js';
import { conferenceSchema } from './conference.js';
import { deviceSchema } from './device.js';
import { groupSchema } from './group.js';
import { mediaSchema } from './media.js';
import { faxboxSchema, faxSchema } from './faxbox.js';
import { resourceSchema } from './resource.js';
import { vmboxSchema, vmMessageSchema } from './vmbox.js';
import { userSchema } from './user.js';

/**
 * The events customer-manager publishes on `<namespace>.customer-manager.event`, through
 * its outbox (recorded in the change's transaction). Account events carry the whole
 * document with its webhook secret (webhook-manager signs with it; events stay inside the
 * mesh); consumers that show documents to customers project them first.
 */
export const tokenRevokedSchema = z.object({
  account_id: z.string(),
  token_hash: z.string().describe('SHA-256 of the revoked token, hex: the token itself never travels.'),
});

export const configChangedSchema = z.object({
  category: z.string().describe('The config document changed, e.g. `numbers`.'),
  account_id: z.string().nullable().describe("The account whose config changed; null for the system's."),
  config: z.record(z.string(), z.unknown()).describe('The whole document after the change.'),
});

export const customerManagerEvents = defineEvents('customer-manager', {
  account_created: { summary: 'An account was created (a sub-account of its parent, or the master account at bootstrap).', data: accountDocSchema },
  account_updated: { summary: 'An account document changed (name, realm, enabled, webhook settings, ...).', data: accountDocSchema },
  account_deleted: { summary: 'An account was deleted; its document as it was.', data: accountDocSchema },
  user_created: { summary: 'A user was created in an account.', data: userSchema },
  user_updated: { summary: 'A user changed (its password change included, the hash never sent).', data: userSchema },
  user_deleted: { summary: 'A user was deleted; its document as it was.', data: userSchema },
  device_created: { summary: 'A device was created in an account.', data: deviceSchema },
  device_updated: { summary: 'A device changed.', data: deviceSchema },
  device_deleted: { summary: 'A device was deleted; its document as it was.', data: deviceSchema },
  group_created: { summary: 'A group (devices and users rung together) was created.', data: groupSchema },
  group_updated: { summary: 'A group changed.', data: groupSchema },
  group_deleted: { summary: 'A group was deleted; its document as it was.', data: groupSchema },
  vmbox_created: { summary: 'A voicemail box was created.', data: vmboxSchema },
  vmbox_updated: { summary: 'A voicemail box changed.', data: vmboxSchema },
  vmbox_deleted: { summary: 'A voicemail box was deleted; its document as it was.', data: vmboxSchema },
  mailbox_message_created: { summary: "A voicemail message was left (Kazoo's object type `mailbox_message`).", data: vmMessageSchema },
  mailbox_message_updated: { summary: 'A voicemail message was read, saved or moved to another folder.', data: vmMessageSchema },
  mailbox_message_deleted: { summary: 'A voicemail message was deleted.', data: vmMessageSchema },
  resource_created: { summary: 'A carrier (a system resource or an account local resource) was created.', data: resourceSchema },
  resource_updated: { summary: 'A carrier changed.', data: resourceSchema },
  resource_deleted: { summary: 'A carrier was deleted; its document as it was.', data: resourceSchema },
  conference_created: { summary: 'A conference document was created.', data: conferenceSchema },
  conference_updated: { summary: 'A conference document changed.', data: conferenceSchema },
  conference_deleted: { summary: 'A conference document was deleted; its document as it was.', data: conferenceSchema },
  media_created: { summary: "A media document (a prompt) was created (Kazoo's object type `media`).", data: mediaSchema },
  media_updated: { summary: 'A media document changed, or its audio was uploaded.', data: mediaSchema },
  media_deleted: { summary: 'A media document was deleted; its document as it was.', data: mediaSchema },
  faxbox_created: { summary: 'A fax box was created.', data: faxboxSchema },
  faxbox_updated: { summary: 'A fax box changed.', data: faxboxSchema },
  faxbox_deleted: { summary: 'A fax box was deleted; its document as it was.', data: faxboxSchema },
  fax_created: { summary: "A fax was received into an account's inbox (Kazoo's object type `fax`), with its result and page count.", data: faxSchema },
  fax_deleted: { summary: 'A received fax was deleted.', data: faxSchema },
  auth_token_revoked: { summary: 'An auth token was revoked (sign-out, a password change, an account disabled).', data: tokenRevokedSchema },
  account_config_updated: { summary: "An account's config document was written.", data: configChangedSchema },
  system_config_updated: { summary: 'A system config document was written.', data: configChangedSchema },
});

export type CustomerManagerEvents = typeof customerManagerEvents;
export type CustomerManagerEventType = EventTypeOf<CustomerManagerEvents>;
export type CustomerManagerEventData<T extends CustomerManagerEventType> = EventDataOf<CustomerManagerEvents, T>;
