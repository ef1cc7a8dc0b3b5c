import { z } from 'zod';
import { defineContract } from '@voxmesh/wire';
import {
  actionNextBodySchema,
  actionTimeoutBodySchema,
  callFiltersSchema,
  callPageSchema,
  callSchema,
  createCallsBodySchema,
  createCallsReplySchema,
  digitsBodySchema,
  hangupBodySchema,
  muteBodySchema,
  ownedBodySchema,
  pageQuerySchema,
  playBodySchema,
  recordingStartBodySchema,
  talkBodySchema,
} from './call.js';
import { channelCommandBodySchema, channelListBodySchema, channelMetaflowBodySchema, channelSchema } from './channel.js';
import { confbridgeSchema, createConfbridgeBodySchema } from './confbridge.js';
import { mediaFileFetchedSchema, mediaFileFetchSchema, mediaFileRequestSchema, mediaFileSchema, mediaFileWriteSchema, mediaFileWrittenSchema } from './media-file.js';
import { recordingFiltersSchema, recordingPageSchema, recordingSchema } from './recording.js';

/**
 * call-manager's route table, in voipbin's uris. The live-control routes answer with
 * the call as it is once the media server has taken the command; what the command
 * does later shows in the call's events. `action-next` and `action-timeout` are what
 * call-manager sends itself (the latter as a delayed message).
 */
export const callManagerContract = defineContract('call-manager', {
  createCalls: { method: 'POST', path: '/v1/calls', body: createCallsBodySchema, reply: createCallsReplySchema, timeoutMs: 10_000 },
  listCalls: { method: 'GET', path: '/v1/calls', query: pageQuerySchema, body: callFiltersSchema, reply: callPageSchema, timeoutMs: 30_000 },
  getCall: { method: 'GET', path: '/v1/calls/:id', reply: callSchema },
  deleteCall: { method: 'DELETE', path: '/v1/calls/:id', summary: 'Hangs the call up if it is live, then soft-deletes it.', reply: callSchema },

  hangupCall: { method: 'POST', path: '/v1/calls/:id/hangup', body: hangupBodySchema, reply: callSchema },
  talk: { method: 'POST', path: '/v1/calls/:id/talk', body: talkBodySchema, reply: callSchema },
  play: { method: 'POST', path: '/v1/calls/:id/play', body: playBodySchema, reply: callSchema },
  sendDigits: { method: 'POST', path: '/v1/calls/:id/digits', body: digitsBodySchema, reply: callSchema },
  mediaStop: { method: 'POST', path: '/v1/calls/:id/media_stop', body: ownedBodySchema, reply: callSchema },
  recordingStart: { method: 'POST', path: '/v1/calls/:id/recording_start', body: recordingStartBodySchema, reply: callSchema },
  recordingStop: { method: 'POST', path: '/v1/calls/:id/recording_stop', body: ownedBodySchema, reply: callSchema },
  hold: { method: 'POST', path: '/v1/calls/:id/hold', body: ownedBodySchema, reply: callSchema },
  unhold: { method: 'DELETE', path: '/v1/calls/:id/hold', body: ownedBodySchema, reply: callSchema },
  mute: { method: 'POST', path: '/v1/calls/:id/mute', body: muteBodySchema, reply: callSchema },
  unmute: { method: 'DELETE', path: '/v1/calls/:id/mute', body: muteBodySchema, reply: callSchema },
  actionNext: { method: 'POST', path: '/v1/calls/:id/action-next', body: actionNextBodySchema, reply: z.object({ id: z.string() }) },
  actionTimeout: { method: 'POST', path: '/v1/calls/:id/action-timeout', body: actionTimeoutBodySchema, reply: z.object({ id: z.string(), handled: z.boolean() }) },

  createConfbridge: { method: 'POST', path: '/v1/confbridges', body: createConfbridgeBodySchema, reply: confbridgeSchema },
  getConfbridge: { method: 'GET', path: '/v1/confbridges/:id', reply: confbridgeSchema },

  listRecordings: { method: 'GET', path: '/v1/recordings', query: pageQuerySchema, body: recordingFiltersSchema, reply: recordingPageSchema, timeoutMs: 30_000 },
  getRecording: { method: 'GET', path: '/v1/recordings/:id', reply: recordingSchema },
  readMediaFile: {
    method: 'POST',
    path: '/v1/media_files/read',
    summary: "A file the media server wrote under call-manager's recording directory; 404 for any other path.",
    body: mediaFileRequestSchema,
    reply: mediaFileSchema,
    timeoutMs: 10_000,
  },
  writeMediaFile: {
    method: 'POST',
    path: '/v1/media_files/write',
    summary: "Writes an uploaded prompt under the recording directory, where the media server plays it.",
    body: mediaFileWriteSchema,
    reply: mediaFileWrittenSchema,
    timeoutMs: 10_000,
  },
  fetchMediaFile: {
    method: 'POST',
    path: '/v1/media_files/fetch',
    summary: "Fetches a prompt from the customer's URL (audio/wav or audio/mpeg, at most 5 MiB) and writes it as an upload would be.",
    body: mediaFileFetchSchema,
    reply: mediaFileFetchedSchema,
    timeoutMs: 30_000,
  },

  listChannels: { method: 'GET', path: '/v1/channels', body: channelListBodySchema, reply: z.object({ result: z.array(channelSchema) }) },
  getChannel: { method: 'GET', path: '/v1/channels/:id', reply: channelSchema },
  channelCommand: { method: 'POST', path: '/v1/channels/:id', body: channelCommandBodySchema, reply: channelSchema },
  channelMetaflow: { method: 'PUT', path: '/v1/channels/:id', body: channelMetaflowBodySchema, reply: channelSchema },
});

export type CallManagerRoutes = typeof callManagerContract.routes;
