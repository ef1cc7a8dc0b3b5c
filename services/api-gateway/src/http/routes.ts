import { z } from 'zod';
import { callManager, customerManager, flowManager, webhookManager } from '@voxmesh/contracts';
import type { HttpMethod } from '@voxmesh/wire';
import { accountViewSchema, webhookSecretViewSchema, type AccountsResource } from '../resources/accounts.js';
import type { ApiKeysResource } from '../resources/api-keys.js';
import { authReplySchema, tokenInfoViewSchema, type AuthResource } from '../resources/auth.js';
import { callActionSchemas, callCreateSchema, recordingSchema, type CallAction, type CallsResource } from '../resources/calls.js';
import { callflowInputSchema, callflowPatchSchema, callflowViewSchema, type CallflowsResource } from '../resources/callflows.js';
import { channelCommandOf, channelPostSchema, channelPutSchema, channelViewSchema, type ChannelsResource } from '../resources/channels.js';
import type { ConfigsResource } from '../resources/configs.js';
import { activeflowQuerySchema, flowInputSchema, flowPatchSchema, flowViewSchema, type ActiveflowsResource, type FlowsResource } from '../resources/flows.js';
import { listEntryPatchSchema, listPatchSchema, type ListsResource } from '../resources/lists.js';
import { metaflowsSchema, type MetaflowOwner, type MetaflowsResource, type PivotResource } from '../resources/metaflows.js';
import { pagingQuerySchema } from '../resources/paging.js';
import { directoryPatchSchema, type DirectoriesResource } from '../resources/directories.js';
import { temporalRulePatchSchema, temporalRuleSetPatchSchema, type TemporalRulesResource } from '../resources/temporal-rules.js';
import type { UsersResource } from '../resources/users.js';
import type { DevicesResource } from '../resources/devices.js';
import type { CarriersResource } from '../resources/carriers.js';
import type { ConferencesResource } from '../resources/conferences.js';
import { mediaViewSchema, type MediaResource } from '../resources/media.js';
import { faxViewSchema, type FaxesResource } from '../resources/faxes.js';
import type { GroupsResource } from '../resources/groups.js';
import { vmMessageMoveSchema, vmMessagesQuerySchema, vmMessageViewSchema, type VmboxesResource } from '../resources/vmboxes.js';
import { attemptsQuerySchema, reenableBodySchema, webhookCreateSchema, webhookPatchSchema, type WebhooksResource } from '../resources/webhooks.js';
import { socketViewSchema, type WebsocketsResource } from '../resources/websockets.js';
import type { ApiContext, ApiReply, ApiRoute } from './types.js';

export interface Resources {
  auth: AuthResource;
  accounts: AccountsResource;
  users: UsersResource;
  devices: DevicesResource;
  groups: GroupsResource;
  vmboxes: VmboxesResource;
  carriers: CarriersResource;
  conferences: ConferencesResource;
  media: MediaResource;
  faxes: FaxesResource;
  apiKeys: ApiKeysResource;
  configs: ConfigsResource;
  callflows: CallflowsResource;
  flows: FlowsResource;
  activeflows: ActiveflowsResource;
  calls: CallsResource;
  channels: ChannelsResource;
  metaflows: MetaflowsResource;
  lists: ListsResource;
  temporalRules: TemporalRulesResource;
  directories: DirectoriesResource;
  pivot: PivotResource;
  webhooks: WebhooksResource;
  websockets: WebsocketsResource;
}

type Options = Omit<ApiRoute, 'method' | 'path' | 'handler' | 'tag' | 'summary' | 'access'> & { access?: ApiRoute['access'] };
type Handler = (context: ApiContext) => Promise<ApiReply>;

const A = '/accounts/:account_id';
const list = <T extends z.ZodType>(item: T) => z.array(item);
const anyDoc = z.record(z.string(), z.unknown());
const configDoc = customerManager.configDocSchema;

/**
 * Every REST path of the API, in one table: method, path (without `/v2` or `/v1`),
 * who may call it, the schemas of its `data` in and out, and its handler. The server
 * routes from it and the OpenAPI document is generated from it.
 */
export function apiRoutes(r: Resources): ApiRoute[] {
  const routes: ApiRoute[] = [];
  let tag = '';
  const group = (name: string) => (tag = name);
  const add = (method: HttpMethod, path: string, summary: string, handler: Handler, options: Options = {}) =>
    routes.push({ method, path, summary, tag, access: 'token', handler, ...options });

  group('auth');
  add('PUT', '/api_auth', 'Trade an API key for an auth token.', (c) => r.auth.apiAuth(c), { access: 'public', authAttempt: true, body: customerManager.apiKeyAuthBodySchema, reply: authReplySchema });
  add('PUT', '/user_auth', 'Trade md5("username:password") and an account name for an auth token.', (c) => r.auth.userAuth(c), {
    access: 'public',
    authAttempt: true,
    body: customerManager.userAuthBodySchema,
    reply: authReplySchema,
  });
  add('GET', '/token_auth', 'Who holds this token.', (c) => r.auth.tokenInfo(c), { reply: tokenInfoViewSchema });
  add('DELETE', '/token_auth', 'Revoke this token.', (c) => r.auth.revoke(c), { userAllowed: true, reply: customerManager.revokeReplySchema });

  group('accounts');
  add('PUT', '/accounts', "Create a sub-account of the token's account.", (c) => r.accounts.create(c), { body: customerManager.accountInputSchema, reply: accountViewSchema, successStatus: 201 });
  add('GET', A, 'Read an account.', (c) => r.accounts.get(c), { reply: accountViewSchema });
  add('PUT', A, 'Create a sub-account of this account.', (c) => r.accounts.create(c), { body: customerManager.accountInputSchema, reply: accountViewSchema, successStatus: 201 });
  add('POST', A, 'Replace an account.', (c) => r.accounts.replace(c), { body: customerManager.accountInputSchema, reply: accountViewSchema });
  add('PATCH', A, 'Change some fields of an account.', (c) => r.accounts.patch(c), { body: customerManager.accountPatchSchema, reply: accountViewSchema });
  add('DELETE', A, 'Delete a sub-account without sub-accounts of its own.', (c) => r.accounts.delete(c), { reply: accountViewSchema });
  add('GET', `${A}/children`, 'The direct sub-accounts.', (c) => r.accounts.children(c), { query: pagingQuerySchema, reply: list(accountViewSchema) });
  add('GET', `${A}/descendants`, 'Every account below this one.', (c) => r.accounts.descendants(c), { query: pagingQuerySchema, reply: list(accountViewSchema) });
  add('GET', `${A}/webhook_secret`, "The secret that signs the account's webhook requests.", (c) => r.accounts.webhookSecret(c), { reply: webhookSecretViewSchema });
  add('POST', `${A}/webhook_secret`, 'Make a new webhook secret.', (c) => r.accounts.rotateWebhookSecret(c), { reply: webhookSecretViewSchema });

  group('users');
  add('GET', `${A}/users`, 'List users.', (c) => r.users.list(c), { query: pagingQuerySchema, reply: list(customerManager.userSchema) });
  add('PUT', `${A}/users`, 'Create a user.', (c) => r.users.create(c), { body: customerManager.userInputSchema, reply: customerManager.userSchema, successStatus: 201 });
  add('GET', `${A}/users/:user_id`, 'Read a user.', (c) => r.users.get(c), { reply: customerManager.userSchema });
  add('POST', `${A}/users/:user_id`, 'Replace a user.', (c) => r.users.replace(c), { userAllowed: true, body: customerManager.userInputSchema, reply: customerManager.userSchema });
  add('PATCH', `${A}/users/:user_id`, 'Change some fields of a user.', (c) => r.users.patch(c), { userAllowed: true, body: customerManager.userPatchSchema, reply: customerManager.userSchema });
  add('DELETE', `${A}/users/:user_id`, 'Delete a user.', (c) => r.users.delete(c), { reply: customerManager.userSchema });

  group('devices');
  add('GET', `${A}/devices`, 'List devices.', (c) => r.devices.list(c), { query: pagingQuerySchema, reply: list(customerManager.deviceSchema) });
  add('PUT', `${A}/devices`, 'Create a device.', (c) => r.devices.create(c), { body: customerManager.deviceInputSchema, reply: customerManager.deviceSchema, successStatus: 201 });
  add('GET', `${A}/devices/:device_id`, 'Read a device.', (c) => r.devices.get(c), { reply: customerManager.deviceSchema });
  add('POST', `${A}/devices/:device_id`, 'Replace a device.', (c) => r.devices.replace(c), { body: customerManager.deviceInputSchema, reply: customerManager.deviceSchema });
  add('PATCH', `${A}/devices/:device_id`, 'Change some fields of a device.', (c) => r.devices.patch(c), { body: customerManager.devicePatchSchema, reply: customerManager.deviceSchema });
  add('DELETE', `${A}/devices/:device_id`, 'Delete a device.', (c) => r.devices.delete(c), { reply: customerManager.deviceSchema });

  group('groups');
  add('GET', `${A}/groups`, 'List groups.', (c) => r.groups.list(c), { query: pagingQuerySchema, reply: list(customerManager.groupSchema) });
  add('PUT', `${A}/groups`, 'Create a group of users and devices.', (c) => r.groups.create(c), { body: customerManager.groupInputSchema, reply: customerManager.groupSchema, successStatus: 201 });
  add('GET', `${A}/groups/:group_id`, 'Read a group.', (c) => r.groups.get(c), { reply: customerManager.groupSchema });
  add('POST', `${A}/groups/:group_id`, 'Replace a group.', (c) => r.groups.replace(c), { body: customerManager.groupInputSchema, reply: customerManager.groupSchema });
  add('PATCH', `${A}/groups/:group_id`, 'Change some fields of a group; endpoints merge member by member.', (c) => r.groups.patch(c), { body: customerManager.groupPatchSchema, reply: customerManager.groupSchema });
  add('DELETE', `${A}/groups/:group_id`, 'Delete a group.', (c) => r.groups.delete(c), { reply: customerManager.groupSchema });

  group('conferences');
  add('GET', `${A}/conferences`, 'List conferences.', (c) => r.conferences.list(c), { query: pagingQuerySchema, reply: list(customerManager.conferenceSchema) });
  add('PUT', `${A}/conferences`, 'Create a conference.', (c) => r.conferences.create(c), { body: customerManager.conferenceInputSchema, reply: customerManager.conferenceSchema, successStatus: 201 });
  add('GET', `${A}/conferences/:conference_id`, 'Read a conference.', (c) => r.conferences.get(c), { reply: customerManager.conferenceSchema });
  add('POST', `${A}/conferences/:conference_id`, 'Replace a conference.', (c) => r.conferences.replace(c), { body: customerManager.conferenceInputSchema, reply: customerManager.conferenceSchema });
  add('PATCH', `${A}/conferences/:conference_id`, 'Change some fields of a conference; member and moderator merge key by key.', (c) => r.conferences.patch(c), { body: customerManager.conferencePatchSchema, reply: customerManager.conferenceSchema });
  add('DELETE', `${A}/conferences/:conference_id`, 'Delete a conference.', (c) => r.conferences.delete(c), { reply: customerManager.conferenceSchema });

  group('media');
  const M = `${A}/media/:media_id`;
  add('GET', `${A}/media`, 'List media (prompts).', (c) => r.media.list(c), { query: pagingQuerySchema, reply: list(mediaViewSchema) });
  add('PUT', `${A}/media`, 'Create a media document; upload its audio to /raw.', (c) => r.media.create(c), { body: customerManager.mediaInputSchema, reply: mediaViewSchema, successStatus: 201 });
  add('GET', M, 'Read a media document.', (c) => r.media.get(c), { reply: mediaViewSchema });
  add('POST', M, 'Replace a media document (its audio is kept).', (c) => r.media.replace(c), { body: customerManager.mediaInputSchema, reply: mediaViewSchema });
  add('PATCH', M, 'Change some fields of a media document.', (c) => r.media.patch(c), { body: customerManager.mediaPatchSchema, reply: mediaViewSchema });
  add('DELETE', M, 'Delete a media document.', (c) => r.media.delete(c), { reply: mediaViewSchema });
  for (const method of ['PUT', 'POST'] as const) {
    add(method, `${M}/raw`, 'Upload the audio: the body is the file, Content-Type audio/wav or audio/mpeg.', (c) => r.media.upload(c), { rawBody: true, reply: mediaViewSchema });
  }
  add('GET', `${M}/raw`, 'Download the audio.', (c) => r.media.download(c));

  group('faxes');
  const F = `${A}/faxboxes/:faxbox_id`;
  add('GET', `${A}/faxboxes`, 'List fax boxes.', (c) => r.faxes.listBoxes(c), { query: pagingQuerySchema, reply: list(customerManager.faxboxSchema) });
  add('PUT', `${A}/faxboxes`, 'Create a fax box.', (c) => r.faxes.createBox(c), { body: customerManager.faxboxInputSchema, reply: customerManager.faxboxSchema, successStatus: 201 });
  add('GET', F, 'Read a fax box.', (c) => r.faxes.getBox(c), { reply: customerManager.faxboxSchema });
  add('POST', F, 'Replace a fax box.', (c) => r.faxes.replaceBox(c), { body: customerManager.faxboxInputSchema, reply: customerManager.faxboxSchema });
  add('PATCH', F, 'Change some fields of a fax box.', (c) => r.faxes.patchBox(c), { body: customerManager.faxboxPatchSchema, reply: customerManager.faxboxSchema });
  add('DELETE', F, 'Delete a fax box.', (c) => r.faxes.deleteBox(c), { reply: customerManager.faxboxSchema });
  add('PUT', `${A}/faxes`, 'Send a fax: a TIFF document by URL to a number; the outcome lands in the outbox.', (c) => r.faxes.send(c), {
    body: customerManager.faxSendSchema,
    successStatus: 201,
  });
  for (const folder of ['inbox', 'outbox'] as const) {
    const I = `${A}/faxes/${folder}`;
    add('GET', I, `Faxes ${folder === 'inbox' ? 'received' : 'sent'}, with their result and page count.`, (c) => r.faxes.folder(c, folder), { query: pagingQuerySchema, reply: list(faxViewSchema) });
    add('GET', `${I}/:fax_id`, 'Read a fax.', (c) => r.faxes.fax(c), { reply: faxViewSchema });
    add('DELETE', `${I}/:fax_id`, 'Delete a fax.', (c) => r.faxes.deleteFax(c), { reply: faxViewSchema });
    add('GET', `${I}/:fax_id/attachment`, 'Download the document: TIFF, or PDF with Accept: application/pdf.', (c) => r.faxes.attachment(c));
  }

  group('resources');
  const carrierRoutes = (base: string, what: string, access: { access?: 'superduper' }) => {
    add('GET', base, `List ${what}.`, (c) => r.carriers.list(c), { ...access, query: pagingQuerySchema, reply: list(customerManager.resourceSchema) });
    add('PUT', base, `Create one of the ${what}.`, (c) => r.carriers.create(c), { ...access, body: customerManager.resourceInputSchema, reply: customerManager.resourceSchema, successStatus: 201 });
    add('GET', `${base}/:resource_id`, `Read one of the ${what}.`, (c) => r.carriers.get(c), { ...access, reply: customerManager.resourceSchema });
    add('POST', `${base}/:resource_id`, `Replace one of the ${what}.`, (c) => r.carriers.replace(c), { ...access, body: customerManager.resourceInputSchema, reply: customerManager.resourceSchema });
    add('PATCH', `${base}/:resource_id`, `Change some fields of one of the ${what}.`, (c) => r.carriers.patch(c), { ...access, body: customerManager.resourcePatchSchema, reply: customerManager.resourceSchema });
    add('DELETE', `${base}/:resource_id`, `Delete one of the ${what}.`, (c) => r.carriers.delete(c), { ...access, reply: customerManager.resourceSchema });
  };
  carrierRoutes('/resources', "the platform's carriers (global resources)", { access: 'superduper' });
  carrierRoutes(`${A}/local_resources`, "the account's own carriers", {});
  carrierRoutes(`${A}/resources`, "the account's own carriers", {});

  group('vmboxes');
  const V = `${A}/vmboxes/:vmbox_id`;
  add('GET', `${A}/vmboxes`, 'List voicemail boxes.', (c) => r.vmboxes.list(c), { query: pagingQuerySchema, reply: list(customerManager.vmboxSchema) });
  add('PUT', `${A}/vmboxes`, 'Create a voicemail box.', (c) => r.vmboxes.create(c), { body: customerManager.vmboxInputSchema, reply: customerManager.vmboxSchema, successStatus: 201 });
  add('GET', V, 'Read a voicemail box.', (c) => r.vmboxes.get(c), { reply: customerManager.vmboxSchema });
  add('POST', V, 'Replace a voicemail box.', (c) => r.vmboxes.replace(c), { body: customerManager.vmboxInputSchema, reply: customerManager.vmboxSchema });
  add('PATCH', V, 'Change some fields of a voicemail box.', (c) => r.vmboxes.patch(c), { body: customerManager.vmboxPatchSchema, reply: customerManager.vmboxSchema });
  add('DELETE', V, 'Delete a voicemail box and its messages.', (c) => r.vmboxes.delete(c), { reply: customerManager.vmboxSchema });
  add('GET', `${V}/messages`, "A box's messages, of one `folder` (new, saved, deleted) when given.", (c) => r.vmboxes.messages(c), { query: vmMessagesQuerySchema, reply: list(vmMessageViewSchema) });
  add('GET', `${V}/messages/:message_id`, 'Read a message.', (c) => r.vmboxes.message(c), { reply: vmMessageViewSchema });
  add('POST', `${V}/messages/:message_id`, 'Move a message to another folder (`folder`) or box (`source_id`), or copy it to a list of boxes.', (c) => r.vmboxes.moveMessage(c), {
    body: vmMessageMoveSchema,
    reply: vmMessageViewSchema,
  });
  add('GET', `${V}/messages/:message_id/raw`, "Download a message's audio.", (c) => r.vmboxes.messageAudio(c));
  add('DELETE', `${V}/messages/:message_id`, 'Delete a message.', (c) => r.vmboxes.deleteMessage(c), { reply: vmMessageViewSchema });

  group('api keys');
  add('GET', `${A}/api_keys`, 'List API keys (never the keys themselves).', (c) => r.apiKeys.list(c), { query: pagingQuerySchema, reply: list(customerManager.apiKeySchema) });
  add('PUT', `${A}/api_keys`, 'Make an API key; the reply is the only time it is shown.', (c) => r.apiKeys.create(c), {
    body: customerManager.apiKeyInputSchema.optional(),
    reply: customerManager.apiKeyCreatedSchema,
    successStatus: 201,
  });
  add('DELETE', `${A}/api_keys/:key_id`, 'Delete an API key and revoke its tokens.', (c) => r.apiKeys.delete(c), { reply: customerManager.apiKeySchema });

  group('configs');
  add('GET', `${A}/configs/:category`, "The account's own document of a category.", (c) => r.configs.getAccount(c), { reply: anyDoc });
  add('GET', `${A}/configs/:category/effective`, 'The system document overlaid by the ancestors\' and the account\'s.', (c) => r.configs.getEffective(c), { reply: anyDoc });
  add('POST', `${A}/configs/:category`, 'Replace the account document.', (c) => r.configs.writeAccount(c, 'replace'), { body: configDoc, reply: anyDoc });
  add('PATCH', `${A}/configs/:category`, 'Merge into the account document (null removes a key).', (c) => r.configs.writeAccount(c, 'merge'), { body: configDoc, reply: anyDoc });
  add('DELETE', `${A}/configs/:category`, 'Remove the account document.', (c) => r.configs.deleteAccount(c), { reply: anyDoc });
  add('GET', '/system_configs/:category', 'A system document.', (c) => r.configs.getSystem(c), { access: 'superduper', reply: anyDoc });
  add('POST', '/system_configs/:category', 'Replace a system document.', (c) => r.configs.writeSystem(c, 'replace'), { access: 'superduper', body: configDoc, reply: anyDoc });
  add('PATCH', '/system_configs/:category', 'Merge into a system document.', (c) => r.configs.writeSystem(c, 'merge'), { access: 'superduper', body: configDoc, reply: anyDoc });
  add('DELETE', '/system_configs/:category', 'Remove a system document.', (c) => r.configs.deleteSystem(c), { access: 'superduper', reply: anyDoc });

  group('callflows');
  const callflowSummary = z.object({ id: z.string(), name: z.string(), numbers: z.array(z.string()), patterns: z.array(z.string()) });
  add('GET', `${A}/callflows`, 'List callflows.', (c) => r.callflows.list(c), { query: pagingQuerySchema, reply: list(callflowSummary) });
  add('PUT', `${A}/callflows`, 'Create a callflow (Kazoo shape: numbers, patterns, flow).', (c) => r.callflows.create(c), { body: callflowInputSchema, reply: callflowViewSchema, successStatus: 201 });
  add('GET', `${A}/callflows/:callflow_id`, 'Read a callflow.', (c) => r.callflows.get(c), { reply: callflowViewSchema });
  add('POST', `${A}/callflows/:callflow_id`, 'Replace a callflow.', (c) => r.callflows.replace(c), { body: callflowInputSchema, reply: callflowViewSchema });
  add('PATCH', `${A}/callflows/:callflow_id`, 'Change some fields of a callflow.', (c) => r.callflows.patch(c), { body: callflowPatchSchema, reply: callflowViewSchema });
  add('DELETE', `${A}/callflows/:callflow_id`, 'Delete a callflow.', (c) => r.callflows.delete(c), { reply: callflowViewSchema });

  group('flows');
  add('GET', `${A}/flows`, 'List flows (voipbin shape).', (c) => r.flows.list(c), { query: pagingQuerySchema, reply: list(flowViewSchema) });
  add('PUT', `${A}/flows`, 'Create a flow.', (c) => r.flows.create(c), { body: flowInputSchema, reply: flowViewSchema, successStatus: 201 });
  add('GET', `${A}/flows/:flow_id`, 'Read a flow.', (c) => r.flows.get(c), { reply: flowViewSchema });
  add('GET', `${A}/flows/:flow_id/actions`, "A flow's actions, in the seed's spelling.", (c) => r.flows.actions(c), { reply: list(flowManager.seedActionSchema) });
  add('POST', `${A}/flows/:flow_id`, 'Replace a flow.', (c) => r.flows.replace(c), { body: flowInputSchema, reply: flowViewSchema });
  add('PATCH', `${A}/flows/:flow_id`, 'Change some fields of a flow.', (c) => r.flows.patch(c), { body: flowPatchSchema, reply: flowViewSchema });
  add('DELETE', `${A}/flows/:flow_id`, 'Delete a flow.', (c) => r.flows.delete(c), { reply: flowViewSchema });

  group('activeflows');
  add('GET', `${A}/activeflows`, 'List runs of flows.', (c) => r.activeflows.list(c), { query: activeflowQuerySchema, reply: list(flowManager.activeflowSchema) });
  add('GET', `${A}/activeflows/:activeflow_id`, 'Read a run.', (c) => r.activeflows.get(c), { reply: flowManager.activeflowSchema });
  add('POST', `${A}/activeflows/:activeflow_id/stop`, 'Stop a run.', (c) => r.activeflows.stop(c), { reply: flowManager.activeflowSchema });
  add('DELETE', `${A}/activeflows/:activeflow_id`, 'Delete a run.', (c) => r.activeflows.delete(c), { reply: flowManager.activeflowSchema });

  group('calls');
  add('GET', `${A}/calls`, 'List calls.', (c) => r.calls.list(c), { query: pagingQuerySchema, reply: list(callManager.callSchema) });
  add('PUT', `${A}/calls`, 'Place an outgoing call.', (c) => r.calls.create(c), { body: callCreateSchema, reply: callManager.createCallsReplySchema, successStatus: 201 });
  add('POST', `${A}/calls`, 'Place an outgoing call (voipbin spelling).', (c) => r.calls.create(c), { body: callCreateSchema, reply: callManager.createCallsReplySchema, successStatus: 201 });
  add('GET', `${A}/calls/:call_id`, 'Read a call.', (c) => r.calls.get(c), { reply: callManager.callSchema });
  add('DELETE', `${A}/calls/:call_id`, 'Hang up and delete a call.', (c) => r.calls.delete(c), { reply: callManager.callSchema });
  const actions: CallAction[] = ['hangup', 'talk', 'play', 'digits', 'recording_start', 'recording_stop', 'hold', 'mute'];
  for (const action of actions) {
    add('POST', `${A}/calls/:call_id/${action}`, `Live control: ${action.replace('_', ' ')}.`, (c) => r.calls.act(c, action), { body: callActionSchemas[action].optional(), reply: callManager.callSchema, successStatus: 202 });
  }
  add('DELETE', `${A}/calls/:call_id/hold`, 'Live control: take the call off hold.', (c) => r.calls.act(c, 'hold', 'DELETE'), { reply: callManager.callSchema, successStatus: 202 });
  add('DELETE', `${A}/calls/:call_id/mute`, 'Live control: unmute.', (c) => r.calls.act(c, 'mute', 'DELETE'), { reply: callManager.callSchema, successStatus: 202 });
  add('POST', `${A}/calls/:call_id/recording`, 'Live control: start or stop recording.', (c) => r.calls.recording(c), { body: recordingSchema, reply: callManager.callSchema, successStatus: 202 });

  group('channels');
  add('GET', `${A}/channels`, 'Live channels of the account.', (c) => r.channels.list(c), { reply: list(channelViewSchema) });
  add('GET', `${A}/channels/:channel_id`, 'One live channel.', (c) => r.channels.get(c), { reply: channelViewSchema });
  add('GET', '/channels', 'Every live channel of the platform (the master account only).', (c) => r.channels.listAll(c), { access: 'superduper', reply: list(channelViewSchema) });
  add('GET', `${A}/users/:user_id/channels`, "Live channels of the user's devices.", (c) => r.channels.ofUser(c), { reply: list(channelViewSchema) });
  add('GET', `${A}/devices/:device_id/channels`, "The device's live channels.", (c) => r.channels.ofDevice(c), { reply: list(channelViewSchema) });
  add('PUT', `${A}/channels/:channel_id`, 'Run a metaflow on the channel: {"action": "metaflow", "data": {module, data, children}}.', (c) => r.channels.command(c, 'PUT'), {
    body: channelPutSchema,
    bodyOf: channelCommandOf,
    reply: channelViewSchema,
    successStatus: 202,
    lenientJson: true,
  });
  add('POST', `${A}/channels/:channel_id`, 'Transfer, hang up, break, run a callflow, intercept or move the channel.', (c) => r.channels.command(c, 'POST'), {
    body: channelPostSchema,
    bodyOf: channelCommandOf,
    reply: channelViewSchema,
    successStatus: 202,
  });

  group('metaflows');
  add('GET', `${A}/metaflows`, "The account's metaflows.", (c) => r.metaflows.handle(c, 'GET'), { reply: metaflowsSchema });
  add('POST', `${A}/metaflows`, "Replace the account's metaflows.", (c) => r.metaflows.handle(c, 'POST'), { body: metaflowsSchema, reply: metaflowsSchema });
  add('DELETE', `${A}/metaflows`, "Remove the account's metaflows.", (c) => r.metaflows.handle(c, 'DELETE'), { reply: metaflowsSchema });
  const owners: [MetaflowOwner, string][] = [
    ['users', ':user_id'],
    ['devices', ':device_id'],
    ['callflows', ':callflow_id'],
  ];
  for (const [owner, param] of owners) {
    const path = `${A}/${owner}/${param}/metaflows`;
    add('GET', path, `The metaflows of one of the account's ${owner}.`, (c) => r.metaflows.handle(c, 'GET', owner), { reply: metaflowsSchema });
    add('POST', path, `Replace the metaflows of one of the account's ${owner}.`, (c) => r.metaflows.handle(c, 'POST', owner), { body: metaflowsSchema, reply: metaflowsSchema });
    add('DELETE', path, `Remove the metaflows of one of the account's ${owner}.`, (c) => r.metaflows.handle(c, 'DELETE', owner), { reply: metaflowsSchema });
  }

  group('lists');
  const L = `${A}/lists/:list_id`;
  const { listSchema, listInputSchema, listEntrySchema, listEntryInputSchema, deletedEntriesSchema } = flowManager;
  add('GET', `${A}/lists`, 'Caller-id match lists (without entries).', (c) => r.lists.list(c), { reply: list(listSchema) });
  add('PUT', `${A}/lists`, 'Create a match list.', (c) => r.lists.create(c), { body: listInputSchema, reply: listSchema, successStatus: 201 });
  add('GET', L, 'Read a match list (without entries).', (c) => r.lists.get(c), { reply: listSchema });
  add('POST', L, 'Replace a match list.', (c) => r.lists.replace(c), { body: listInputSchema, reply: listSchema });
  add('PATCH', L, 'Change some fields of a match list.', (c) => r.lists.patch(c), { body: listPatchSchema, reply: listSchema });
  add('DELETE', L, 'Delete a match list and its entries.', (c) => r.lists.delete(c), { reply: listSchema });
  add('GET', `${L}/entries`, "A match list's entries.", (c) => r.lists.entries(c), { reply: list(listEntrySchema) });
  add('PUT', `${L}/entries`, 'Add an entry: a number (a prefix of the caller id) or a pattern (a regex).', (c) => r.lists.addEntry(c), { body: listEntryInputSchema, reply: listEntrySchema, successStatus: 201 });
  add('DELETE', `${L}/entries`, 'Delete every entry of a match list.', (c) => r.lists.deleteEntries(c), { reply: deletedEntriesSchema });
  add('GET', `${L}/entries/:entry_id`, 'Read an entry.', (c) => r.lists.entry(c), { reply: listEntrySchema });
  add('POST', `${L}/entries/:entry_id`, 'Replace an entry.', (c) => r.lists.replaceEntry(c), { body: listEntryInputSchema, reply: listEntrySchema });
  add('PATCH', `${L}/entries/:entry_id`, 'Change some fields of an entry.', (c) => r.lists.patchEntry(c), { body: listEntryPatchSchema, reply: listEntrySchema });
  add('DELETE', `${L}/entries/:entry_id`, 'Delete an entry.', (c) => r.lists.deleteEntry(c), { reply: listEntrySchema });

  group('temporal_rules');
  const temporal = [
    ['rules', 'temporal_rules', ':temporal_rule_id', 'temporal rule', flowManager.temporalRuleInputSchema, flowManager.temporalRuleSchema, temporalRulePatchSchema],
    ['sets', 'temporal_rules_sets', ':temporal_rule_set_id', 'temporal rule set', flowManager.temporalRuleSetInputSchema, flowManager.temporalRuleSetSchema, temporalRuleSetPatchSchema],
  ] as const;
  for (const [kind, path, param, what, input, view, patch] of temporal) {
    const one = `${A}/${path}/${param}`;
    const id = param.slice(1);
    add('GET', `${A}/${path}`, `The account's ${what}s.`, (c) => r.temporalRules.list(c, kind), { reply: list(view) });
    add('PUT', `${A}/${path}`, `Create a ${what}.`, (c) => r.temporalRules.create(c, kind), { body: input, reply: view, successStatus: 201 });
    add('GET', one, `Read a ${what}.`, (c) => r.temporalRules.get(c, kind, id), { reply: view });
    add('POST', one, `Replace a ${what}.`, (c) => r.temporalRules.replace(c, kind, id), { body: input, reply: view });
    add('PATCH', one, `Change some fields of a ${what}.`, (c) => r.temporalRules.patch(c, kind, id), { body: patch, reply: view });
    add('DELETE', one, `Delete a ${what}.`, (c) => r.temporalRules.delete(c, kind, id), { reply: view });
  }

  group('directories');
  const D = `${A}/directories/:directory_id`;
  const { directorySchema, directoryInputSchema } = flowManager;
  add('GET', `${A}/directories`, "The account's dial-by-name directories.", (c) => r.directories.list(c), { reply: list(directorySchema) });
  add('PUT', `${A}/directories`, 'Create a directory; users join it by their `directories` field.', (c) => r.directories.create(c), { body: directoryInputSchema, reply: directorySchema, successStatus: 201 });
  add('GET', D, 'Read a directory.', (c) => r.directories.get(c), { reply: directorySchema });
  add('POST', D, 'Replace a directory.', (c) => r.directories.replace(c), { body: directoryInputSchema, reply: directorySchema });
  add('PATCH', D, 'Change some fields of a directory.', (c) => r.directories.patch(c), { body: directoryPatchSchema, reply: directorySchema });
  add('DELETE', D, 'Delete a directory.', (c) => r.directories.delete(c), { reply: directorySchema });

  group('pivot');
  add('GET', `${A}/pivot/debug`, 'Calls with Pivot debug logs, the most recent first.', (c) => r.pivot.list(c), { query: pagingQuerySchema, reply: list(flowManager.pivotDebugCallSchema) });
  add('GET', `${A}/pivot/debug/:call_id`, "One call's Pivot requests and responses, in order.", (c) => r.pivot.get(c), { reply: list(flowManager.pivotExchangeSchema) });

  group('webhooks');
  add('GET', '/webhooks', 'The hook types a webhook may subscribe to.', (c) => r.webhooks.hookTypes(c), { access: 'public', reply: list(webhookManager.hookTypeInfoSchema) });
  add('GET', '/webhooks/samples', 'The names of the sample payloads (webhooks_channel_create, …).', (c) => r.webhooks.samples(c), { access: 'public', reply: z.array(z.string()) });
  add('GET', '/webhooks/samples/:hook', 'Example payloads of one hook type, by sample name (webhooks_parking) or hook (parking); filter_<field>=<value> narrows them.', (c) => r.webhooks.sample(c), {
    access: 'public',
    reply: list(anyDoc),
  });
  add('GET', `${A}/webhooks`, 'List webhooks.', (c) => r.webhooks.list(c), { query: attemptsQuerySchema, reply: list(webhookManager.webhookSchema) });
  add('PUT', `${A}/webhooks`, 'Create a webhook.', (c) => r.webhooks.create(c), { body: webhookCreateSchema, reply: webhookManager.webhookSchema, successStatus: 201 });
  add('PATCH', `${A}/webhooks`, 'Re-enable the hooks that were disabled for failing: {"re-enable": true}.', (c) => r.webhooks.reenable(c, false), {
    body: reenableBodySchema,
    reply: list(webhookManager.webhookSchema),
  });
  add('PATCH', `${A}/descendants/webhooks`, 'Re-enable the failing-disabled hooks of the account and every account below.', (c) => r.webhooks.reenable(c, true), {
    body: reenableBodySchema,
    reply: list(webhookManager.webhookSchema),
  });
  add('GET', `${A}/webhooks/attempts`, "The account's delivery attempts, newest first.", (c) => r.webhooks.attempts(c), { query: attemptsQuerySchema, reply: list(webhookManager.attemptViewSchema) });
  add('GET', `${A}/webhooks/:webhook_id`, 'Read a webhook.', (c) => r.webhooks.get(c), { reply: webhookManager.webhookSchema });
  add('POST', `${A}/webhooks/:webhook_id`, 'Replace a webhook.', (c) => r.webhooks.replace(c), { body: webhookCreateSchema, reply: webhookManager.webhookSchema });
  add('PATCH', `${A}/webhooks/:webhook_id`, 'Change some fields of a webhook (enabled: true re-enables it).', (c) => r.webhooks.patch(c), { body: webhookPatchSchema, reply: webhookManager.webhookSchema });
  add('DELETE', `${A}/webhooks/:webhook_id`, 'Delete a webhook.', (c) => r.webhooks.delete(c), { reply: webhookManager.webhookSchema });
  add('GET', `${A}/webhooks/:webhook_id/attempts`, "One webhook's delivery attempts.", (c) => r.webhooks.attempts(c), { query: attemptsQuerySchema, reply: list(webhookManager.attemptViewSchema) });

  group('websockets');
  add('GET', '/websockets', 'The bindings a websocket client may subscribe to.', () => r.websockets.catalogue(), { access: 'public', reply: z.record(z.string(), list(anyDoc)) });
  add('GET', `${A}/websockets`, "The ids of the account's open sockets on this gateway.", (c) => r.websockets.list(c), { reply: list(z.string()) });
  add('GET', `${A}/websockets/:socket_id`, "One socket's bindings on the account.", (c) => r.websockets.get(c), { reply: list(socketViewSchema) });

  return routes;
}
