import { z } from 'zod';
import { accountDocSchema } from './account.js';
import { conferenceSchema } from './conference.js';
import { deviceSchema } from './device.js';
import { groupSchema } from './group.js';
import { resourceSchema } from './resource.js';
import { vmboxSchema, vmMessageSchema } from './vmbox.js';
import { userSchema } from './user.js';

/**
 * The events customer-manager publishes on `<namespace>.customer-manager.event`. Account
 * events carry the whole document with its webhook secret (webhook-manager signs with
 * it; events stay inside the mesh); consumers that show documents to customers project
 * them first.
 */
export const tokenRevokedSchema = z.object({ account_id: z.string(), token_hash: z.string() });

export const configChangedSchema = z.object({
  category: z.string(),
  account_id: z.string().nullable(),
  config: z.record(z.string(), z.unknown()),
});

export const customerManagerEvents = {
  account_created: accountDocSchema,
  account_updated: accountDocSchema,
  account_deleted: accountDocSchema,
  user_created: userSchema,
  user_updated: userSchema,
  user_deleted: userSchema,
  device_created: deviceSchema,
  device_updated: deviceSchema,
  device_deleted: deviceSchema,
  group_created: groupSchema,
  group_updated: groupSchema,
  group_deleted: groupSchema,
  vmbox_created: vmboxSchema,
  vmbox_updated: vmboxSchema,
  vmbox_deleted: vmboxSchema,
  /** Kazoo's object type for a voicemail message is `mailbox_message`. */
  mailbox_message_created: vmMessageSchema,
  mailbox_message_updated: vmMessageSchema,
  mailbox_message_deleted: vmMessageSchema,
  resource_created: resourceSchema,
  resource_updated: resourceSchema,
  resource_deleted: resourceSchema,
  conference_created: conferenceSchema,
  conference_updated: conferenceSchema,
  conference_deleted: conferenceSchema,
  auth_token_revoked: tokenRevokedSchema,
  account_config_updated: configChangedSchema,
  system_config_updated: configChangedSchema,
} as const;

export type CustomerManagerEventType = keyof typeof customerManagerEvents;
export type CustomerManagerEventData<T extends CustomerManagerEventType> = z.output<(typeof customerManagerEvents)[T]>;
