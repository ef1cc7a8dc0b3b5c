import { z } from 'zod';
import { defineContract } from '@voxmesh/wire';
import { accountDocSchema, accountInputSchema, accountListQuerySchema, accountLookupQuerySchema, accountPatchSchema, createAccountBodySchema } from './account.js';
import {
  apiKeyAuthBodySchema,
  apiKeyCreatedSchema,
  apiKeyInputSchema,
  apiKeySchema,
  authTokenSchema,
  bootstrapBodySchema,
  bootstrapReplySchema,
  revokeReplySchema,
  tokenBodySchema,
  tokenInfoSchema,
  userAuthBodySchema,
} from './auth.js';
import { pageOf, pageQuerySchema } from './common.js';
import { configDocSchema, configReplySchema } from './config.js';
import { conferenceInputSchema, conferencePatchSchema, conferenceSchema } from './conference.js';
import { deviceInputSchema, devicePatchSchema, deviceSchema } from './device.js';
import { groupInputSchema, groupPatchSchema, groupSchema } from './group.js';
import { faxboxInputSchema, faxboxPatchSchema, faxboxSchema, faxInputSchema, faxQuerySchema, faxSchema } from './faxbox.js';
import { mediaFileSetSchema, mediaInputSchema, mediaPatchSchema, mediaSchema } from './media.js';
import { resourceInputSchema, resourcePatchSchema, resourceSchema } from './resource.js';
import {
  vmboxInputSchema,
  vmboxPatchSchema,
  vmboxSchema,
  vmMessageInputSchema,
  vmMessagePatchSchema,
  vmMessageQuerySchema,
  vmMessageSchema,
} from './vmbox.js';
import { userInputSchema, userPatchSchema, userSchema } from './user.js';

/**
 * customer-manager's route table. Everything an account owns is addressed under it
 * (`/v1/accounts/:account_id/users/:id`), so a document of another account is simply
 * not found. Verbs are REST's: POST creates on a collection, PUT replaces, PATCH merges.
 */
export const customerManagerContract = defineContract('customer-manager', {
  createAccount: { method: 'POST', path: '/v1/accounts', body: createAccountBodySchema, reply: accountDocSchema },
  findAccounts: {
    method: 'GET',
    path: '/v1/accounts',
    summary: 'Accounts by exact name (case-insensitive) or realm.',
    query: accountLookupQuerySchema,
    reply: z.object({ result: z.array(accountDocSchema) }),
  },
  getAccount: { method: 'GET', path: '/v1/accounts/:id', reply: accountDocSchema },
  replaceAccount: { method: 'PUT', path: '/v1/accounts/:id', body: accountInputSchema, reply: accountDocSchema },
  patchAccount: { method: 'PATCH', path: '/v1/accounts/:id', body: accountPatchSchema, reply: accountDocSchema },
  deleteAccount: {
    method: 'DELETE',
    path: '/v1/accounts/:id',
    summary: 'Deletes an account without sub-accounts, with its users, devices, keys, tokens and config.',
    reply: accountDocSchema,
  },
  listChildren: { method: 'GET', path: '/v1/accounts/:id/children', query: accountListQuerySchema, reply: pageOf(accountDocSchema) },
  listDescendants: { method: 'GET', path: '/v1/accounts/:id/descendants', query: accountListQuerySchema, reply: pageOf(accountDocSchema) },
  rotateWebhookSecret: { method: 'POST', path: '/v1/accounts/:id/webhook_secret', reply: accountDocSchema },

  listUsers: { method: 'GET', path: '/v1/accounts/:account_id/users', query: pageQuerySchema, reply: pageOf(userSchema) },
  createUser: { method: 'POST', path: '/v1/accounts/:account_id/users', body: userInputSchema, reply: userSchema },
  getUser: { method: 'GET', path: '/v1/accounts/:account_id/users/:id', reply: userSchema },
  replaceUser: { method: 'PUT', path: '/v1/accounts/:account_id/users/:id', body: userInputSchema, reply: userSchema },
  patchUser: { method: 'PATCH', path: '/v1/accounts/:account_id/users/:id', body: userPatchSchema, reply: userSchema },
  deleteUser: { method: 'DELETE', path: '/v1/accounts/:account_id/users/:id', reply: userSchema },

  listDevices: { method: 'GET', path: '/v1/accounts/:account_id/devices', query: pageQuerySchema, reply: pageOf(deviceSchema) },
  createDevice: { method: 'POST', path: '/v1/accounts/:account_id/devices', body: deviceInputSchema, reply: deviceSchema },
  getDevice: { method: 'GET', path: '/v1/accounts/:account_id/devices/:id', reply: deviceSchema },
  replaceDevice: { method: 'PUT', path: '/v1/accounts/:account_id/devices/:id', body: deviceInputSchema, reply: deviceSchema },
  patchDevice: { method: 'PATCH', path: '/v1/accounts/:account_id/devices/:id', body: devicePatchSchema, reply: deviceSchema },
  deleteDevice: { method: 'DELETE', path: '/v1/accounts/:account_id/devices/:id', reply: deviceSchema },

  listGroups: { method: 'GET', path: '/v1/accounts/:account_id/groups', query: pageQuerySchema, reply: pageOf(groupSchema) },
  createGroup: { method: 'POST', path: '/v1/accounts/:account_id/groups', body: groupInputSchema, reply: groupSchema },
  getGroup: { method: 'GET', path: '/v1/accounts/:account_id/groups/:id', reply: groupSchema },
  replaceGroup: { method: 'PUT', path: '/v1/accounts/:account_id/groups/:id', body: groupInputSchema, reply: groupSchema },
  patchGroup: { method: 'PATCH', path: '/v1/accounts/:account_id/groups/:id', body: groupPatchSchema, reply: groupSchema },
  deleteGroup: { method: 'DELETE', path: '/v1/accounts/:account_id/groups/:id', reply: groupSchema },

  listVmboxes: { method: 'GET', path: '/v1/accounts/:account_id/vmboxes', query: pageQuerySchema, reply: pageOf(vmboxSchema) },
  createVmbox: { method: 'POST', path: '/v1/accounts/:account_id/vmboxes', body: vmboxInputSchema, reply: vmboxSchema },
  getVmbox: { method: 'GET', path: '/v1/accounts/:account_id/vmboxes/:id', reply: vmboxSchema },
  replaceVmbox: { method: 'PUT', path: '/v1/accounts/:account_id/vmboxes/:id', body: vmboxInputSchema, reply: vmboxSchema },
  patchVmbox: { method: 'PATCH', path: '/v1/accounts/:account_id/vmboxes/:id', body: vmboxPatchSchema, reply: vmboxSchema },
  deleteVmbox: { method: 'DELETE', path: '/v1/accounts/:account_id/vmboxes/:id', summary: 'Deletes a voicemail box with its messages.', reply: vmboxSchema },
  listVmMessages: {
    method: 'GET',
    path: '/v1/accounts/:account_id/vmboxes/:id/messages',
    query: pageQuerySchema.extend(vmMessageQuerySchema.shape),
    reply: pageOf(vmMessageSchema),
  },
  createVmMessage: { method: 'POST', path: '/v1/accounts/:account_id/vmboxes/:id/messages', summary: 'Stores a message a caller left (call-manager).', body: vmMessageInputSchema, reply: vmMessageSchema },
  getVmMessage: { method: 'GET', path: '/v1/accounts/:account_id/vmboxes/:id/messages/:message_id', reply: vmMessageSchema },
  patchVmMessage: { method: 'PATCH', path: '/v1/accounts/:account_id/vmboxes/:id/messages/:message_id', body: vmMessagePatchSchema, reply: vmMessageSchema },
  listConferences: { method: 'GET', path: '/v1/accounts/:account_id/conferences', query: pageQuerySchema, reply: pageOf(conferenceSchema) },
  createConference: { method: 'POST', path: '/v1/accounts/:account_id/conferences', body: conferenceInputSchema, reply: conferenceSchema },
  getConference: { method: 'GET', path: '/v1/accounts/:account_id/conferences/:id', reply: conferenceSchema },
  replaceConference: { method: 'PUT', path: '/v1/accounts/:account_id/conferences/:id', body: conferenceInputSchema, reply: conferenceSchema },
  patchConference: { method: 'PATCH', path: '/v1/accounts/:account_id/conferences/:id', body: conferencePatchSchema, reply: conferenceSchema },
  deleteConference: { method: 'DELETE', path: '/v1/accounts/:account_id/conferences/:id', reply: conferenceSchema },
  listMedia: { method: 'GET', path: '/v1/accounts/:account_id/media', query: pageQuerySchema, reply: pageOf(mediaSchema) },
  createMedia: { method: 'POST', path: '/v1/accounts/:account_id/media', body: mediaInputSchema, reply: mediaSchema },
  getMedia: { method: 'GET', path: '/v1/accounts/:account_id/media/:id', reply: mediaSchema },
  replaceMedia: { method: 'PUT', path: '/v1/accounts/:account_id/media/:id', body: mediaInputSchema, reply: mediaSchema },
  patchMedia: { method: 'PATCH', path: '/v1/accounts/:account_id/media/:id', body: mediaPatchSchema, reply: mediaSchema },
  deleteMedia: { method: 'DELETE', path: '/v1/accounts/:account_id/media/:id', reply: mediaSchema },
  setMediaFile: {
    method: 'PUT',
    path: '/v1/accounts/:account_id/media/:id/file',
    summary: 'Records where the media server keeps the uploaded audio (the gateway, after call-manager wrote it).',
    body: mediaFileSetSchema,
    reply: mediaSchema,
  },
  listFaxboxes: { method: 'GET', path: '/v1/accounts/:account_id/faxboxes', query: pageQuerySchema, reply: pageOf(faxboxSchema) },
  createFaxbox: { method: 'POST', path: '/v1/accounts/:account_id/faxboxes', body: faxboxInputSchema, reply: faxboxSchema },
  getFaxbox: { method: 'GET', path: '/v1/accounts/:account_id/faxboxes/:id', reply: faxboxSchema },
  replaceFaxbox: { method: 'PUT', path: '/v1/accounts/:account_id/faxboxes/:id', body: faxboxInputSchema, reply: faxboxSchema },
  patchFaxbox: { method: 'PATCH', path: '/v1/accounts/:account_id/faxboxes/:id', body: faxboxPatchSchema, reply: faxboxSchema },
  deleteFaxbox: { method: 'DELETE', path: '/v1/accounts/:account_id/faxboxes/:id', reply: faxboxSchema },
  listFaxes: { method: 'GET', path: '/v1/accounts/:account_id/faxes', query: pageQuerySchema.extend(faxQuerySchema.shape), reply: pageOf(faxSchema) },
  createFax: { method: 'POST', path: '/v1/accounts/:account_id/faxes', summary: 'Stores a fax a call received or sent (call-manager).', body: faxInputSchema, reply: faxSchema },
  getFax: { method: 'GET', path: '/v1/accounts/:account_id/faxes/:id', reply: faxSchema },
  deleteFax: { method: 'DELETE', path: '/v1/accounts/:account_id/faxes/:id', reply: faxSchema },
  listResources: {
    method: 'GET',
    path: '/v1/resources/:scope',
    summary: "Carriers of `system` (the platform's) or of an account (its local resources).",
    query: pageQuerySchema,
    reply: pageOf(resourceSchema),
  },
  createResource: { method: 'POST', path: '/v1/resources/:scope', body: resourceInputSchema, reply: resourceSchema },
  getResource: { method: 'GET', path: '/v1/resources/:scope/:id', reply: resourceSchema },
  replaceResource: { method: 'PUT', path: '/v1/resources/:scope/:id', body: resourceInputSchema, reply: resourceSchema },
  patchResource: { method: 'PATCH', path: '/v1/resources/:scope/:id', body: resourcePatchSchema, reply: resourceSchema },
  deleteResource: { method: 'DELETE', path: '/v1/resources/:scope/:id', reply: resourceSchema },
  deleteVmMessage: { method: 'DELETE', path: '/v1/accounts/:account_id/vmboxes/:id/messages/:message_id', reply: vmMessageSchema },

  listApiKeys: { method: 'GET', path: '/v1/accounts/:account_id/api_keys', query: pageQuerySchema, reply: pageOf(apiKeySchema) },
  createApiKey: { method: 'POST', path: '/v1/accounts/:account_id/api_keys', body: apiKeyInputSchema, reply: apiKeyCreatedSchema },
  deleteApiKey: { method: 'DELETE', path: '/v1/accounts/:account_id/api_keys/:id', reply: apiKeySchema },

  authApiKey: { method: 'POST', path: '/v1/auth/api_key', body: apiKeyAuthBodySchema, reply: authTokenSchema },
  authUser: { method: 'POST', path: '/v1/auth/user', body: userAuthBodySchema, reply: authTokenSchema },
  validateToken: { method: 'POST', path: '/v1/auth/validate', body: tokenBodySchema, reply: tokenInfoSchema },
  revokeToken: { method: 'POST', path: '/v1/auth/revoke', body: tokenBodySchema, reply: revokeReplySchema },

  getAccountConfig: { method: 'GET', path: '/v1/accounts/:account_id/configs/:category', reply: configReplySchema },
  replaceAccountConfig: { method: 'PUT', path: '/v1/accounts/:account_id/configs/:category', body: configDocSchema, reply: configReplySchema },
  patchAccountConfig: { method: 'PATCH', path: '/v1/accounts/:account_id/configs/:category', body: configDocSchema, reply: configReplySchema },
  deleteAccountConfig: { method: 'DELETE', path: '/v1/accounts/:account_id/configs/:category', reply: configReplySchema },
  getEffectiveConfig: {
    method: 'GET',
    path: '/v1/accounts/:account_id/configs/:category/effective',
    summary: "The system document overlaid by each ancestor's and then the account's own.",
    reply: configReplySchema,
  },
  getSystemConfig: { method: 'GET', path: '/v1/system_configs/:category', reply: configReplySchema },
  replaceSystemConfig: { method: 'PUT', path: '/v1/system_configs/:category', body: configDocSchema, reply: configReplySchema },
  patchSystemConfig: { method: 'PATCH', path: '/v1/system_configs/:category', body: configDocSchema, reply: configReplySchema },
  deleteSystemConfig: { method: 'DELETE', path: '/v1/system_configs/:category', reply: configReplySchema },

  bootstrap: {
    method: 'POST',
    path: '/v1/bootstrap',
    summary: 'Makes the master account when none exists; with an api_key, makes sure the master holds it.',
    body: bootstrapBodySchema,
    reply: bootstrapReplySchema,
    timeoutMs: 10_000,
  },
});

export type CustomerManagerRoutes = typeof customerManagerContract.routes;
