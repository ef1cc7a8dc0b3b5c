import type { RequestContext, RouteHandlers } from '@voxmesh/mesh';
import { callManager } from '@voxmesh/contracts';
import { VoipError } from '@voxmesh/wire';
import type { ConfbridgeService } from '../calls/confbridges.js';
import type { HeldCall } from '../calls/live-call.js';
import type { MediaFiles } from '../calls/media-files.js';
import type { MediaDownloads } from '../calls/media-downloads.js';
import type { OutgoingCalls } from '../calls/outgoing.js';
import type { CallRegistry } from '../calls/registry.js';
import type { Call, CallManagerRoutes } from '../contract.js';
import type { CallRepository, ChannelRepository, RecordingRepository } from '../db/repositories.js';
import { DEFAULT_PAGE_SIZE } from '@voxmesh/store';
import { EslCommandError } from '../esl/errors.js';
import type { MetaflowRunner } from '../metaflows/runner.js';
import { ChannelCommands } from './channel-commands.js';

/** The publisher of a request one replica hands to the replica holding the call; it is never handed on again. */
export const FORWARDED = 'call-manager-forward';

export interface HandlerDeps {
  /** This replica's name (calls it holds carry it as their owner). */
  instance: string;
  /** Hands a request to the replica named `owner` and answers with its reply. */
  forward(owner: string, context: RequestContext): Promise<unknown>;
  registry: CallRegistry;
  calls: CallRepository;
  channels: ChannelRepository;
  recordings: RecordingRepository;
  confbridges: ConfbridgeService;
  outgoing: OutgoingCalls;
  metaflows: MetaflowRunner;
  mediaFiles: MediaFiles;
  mediaDownloads: MediaDownloads;
}

/** A call as it is now: this replica's live copy, else the stored one. */
async function callOf(deps: HandlerDeps, id: string, accountId?: string): Promise<Call> {
  const call = deps.registry.get(id)?.call ?? (await deps.calls.get(id));
  // Another account's call is as absent as a missing one.
  if (!call || (accountId !== undefined && accountId !== '' && call.account_id !== accountId)) throw VoipError.notFound(`no call ${id}`);
  return structuredClone(call);
}

/** A request about a call another replica holds: its answer, as that replica gave it. */
class Elsewhere {
  constructor(readonly reply: unknown) {}
}

/**
 * The live call a control request is about. A call another replica holds is handed to
 * it (its channel's sockets are there); one that is over, or held by nobody reachable,
 * is answered plainly.
 */
async function liveCall(deps: HandlerDeps, id: string, accountId: string | undefined, context: RequestContext): Promise<HeldCall | Elsewhere> {
  const held = deps.registry.get(id);
  if (held && (accountId === undefined || accountId === '' || held.call.account_id === accountId)) {
    if (held.ending) throw VoipError.conflict(`call ${id} is ${held.call.status}`, 'CALL_ENDED');
    return held;
  }
  const stored = await callOf(deps, id, accountId);
  if (stored.status === 'hangup') throw VoipError.conflict(`call ${id} has ended`, 'CALL_ENDED');
  const owner = await deps.calls.ownerOf(id);
  if (owner !== undefined && owner !== '' && owner !== deps.instance && context.publisher !== FORWARDED) return new Elsewhere(await deps.forward(owner, context));
  throw VoipError.unavailable(`call ${id} is not held by this call-manager`, 'CALL_NOT_HELD');
}

/**
 * A request that must run where a call lives (connect's confbridge and legs belong with
 * the caller's call): handed to the replica holding it when that is not this one.
 */
async function whereCallLives(deps: HandlerDeps, callId: string | undefined, context: RequestContext): Promise<Elsewhere | undefined> {
  if (callId === undefined || callId === '' || deps.registry.get(callId) || context.publisher === FORWARDED) return undefined;
  const owner = await deps.calls.ownerOf(callId);
  if (owner === undefined || owner === '' || owner === deps.instance) return undefined;
  return new Elsewhere(await deps.forward(owner, context));
}

/** Runs a control request on the call where it lives. */
async function onCall(deps: HandlerDeps, id: string, accountId: string | undefined, context: RequestContext, work: (held: HeldCall) => Promise<unknown>): Promise<Call> {
  const found = await liveCall(deps, id, accountId, context);
  if (found instanceof Elsewhere) return found.reply as Call;
  return control(found, () => work(found));
}

/** Runs a control request on the call's queue; the media server's refusal becomes a clear answer. */
async function control(held: HeldCall, work: () => Promise<unknown>): Promise<Call> {
  return held.run(async () => {
    if (held.ending) throw VoipError.conflict(`call ${held.call.id} is ${held.call.status}`, 'CALL_ENDED');
    try {
      await work();
    } catch (error) {
      if (error instanceof EslCommandError) {
        if (error.unsupported) throw VoipError.conflict(`the media server cannot do this: ${error.reply}`, 'MEDIA_SERVER_UNSUPPORTED');
        if (error.noSuchChannel) throw VoipError.conflict(`call ${held.call.id} has no channel any more`, 'CALL_ENDED');
        throw VoipError.unavailable(`the media server refused: ${error.reply}`, 'MEDIA_SERVER_ERROR', error);
      }
      throw error;
    }
    return structuredClone(held.call);
  });
}

function page(query: { page_size?: number | undefined; page_token?: string | undefined }) {
  return { size: query.page_size ?? DEFAULT_PAGE_SIZE, token: query.page_token };
}

/**
 * The route table's handlers. Control requests go through the call's queue, so they
 * take their turn with the channel's events; they answer once the media server took
 * the command, and what follows shows in the call's events.
 */
export function createHandlers(deps: HandlerDeps): RouteHandlers<CallManagerRoutes> {
  const channels = new ChannelCommands({ registry: deps.registry, metaflows: deps.metaflows, control });
  const { registry } = deps;
  return {
    createCalls: async ({ body }, context) => {
      const elsewhere = await whereCallLives(deps, body.master_call_id, context);
      if (elsewhere) return elsewhere.reply as { calls: Call[]; groupcalls: unknown[] };
      return { calls: await deps.outgoing.create(body), groupcalls: [] };
    },
    listCalls: async ({ query, body }) => deps.calls.list(body ?? {}, page(query)),
    getCall: async ({ params }) => callOf(deps, params.id),
    deleteCall: async ({ params }, context) => {
      const held = registry.get(params.id);
      if (held) {
        return held.run(async () => {
          held.amend((call) => (call.tm_delete = new Date().toISOString()));
          await held.requestHangup('normal');
          return structuredClone(held.call);
        });
      }
      const call = await callOf(deps, params.id);
      if (call.status !== 'hangup') {
        const elsewhere = await liveCall(deps, params.id, undefined, context);
        if (elsewhere instanceof Elsewhere) return elsewhere.reply as Call;
      }
      call.tm_delete ??= new Date().toISOString();
      deps.calls.save({ call, owner: '', coreUuid: '' });
      return call;
    },

    hangupCall: async ({ params, body }, context) => onCall(deps, params.id, body.account_id, context, (held) => held.requestHangup(body.reason ?? 'normal')),
    talk: async ({ params, body }, context) =>
      onCall(deps, params.id, body.account_id, context, (held) =>
        held.control.talk({ text: body.text, provider: body.provider, voice_id: body.voice_id ?? body.voice, language: body.language, gender: body.gender }),
      ),
    play: async ({ params, body }, context) => onCall(deps, params.id, body.account_id, context, (held) => held.control.play(body.media_urls ?? body.stream_urls ?? [])),
    sendDigits: async ({ params, body }, context) => onCall(deps, params.id, body.account_id, context, (held) => held.control.sendDigits(body.digits, body.duration)),
    mediaStop: async ({ params, body }, context) => onCall(deps, params.id, body.account_id, context, (held) => held.control.breakMedia(true)),
    recordingStart: async ({ params, body }, context) =>
      onCall(deps, params.id, body.account_id, context, (held) =>
        held.control.startRecording({ format: body.format ?? 'wav', limitSeconds: body.duration, endOfKey: body.end_of_key }),
      ),
    recordingStop: async ({ params, body }, context) => onCall(deps, params.id, body.account_id, context, (held) => held.control.stopRecording()),
    hold: async ({ params, body }, context) => onCall(deps, params.id, body.account_id, context, (held) => held.control.hold()),
    unhold: async ({ params, body }, context) => onCall(deps, params.id, body.account_id, context, (held) => held.control.unhold()),
    mute: async ({ params, body }, context) => onCall(deps, params.id, body.account_id, context, (held) => held.control.mute(body.direction ?? 'both')),
    unmute: async ({ params, body }, context) => onCall(deps, params.id, body.account_id, context, (held) => held.control.unmute()),
    actionNext: async ({ params, body }, context) => {
      const held = registry.get(params.id);
      if (!held) {
        const elsewhere = await liveCall(deps, params.id, undefined, context);
        return elsewhere instanceof Elsewhere ? (elsewhere.reply as { id: string }) : { id: params.id };
      }
      // voipbin answers at once and moves the call on its own time.
      held.enqueue('action-next', () => held.actionNext(body.force === true));
      return { id: params.id };
    },
    actionTimeout: async ({ params, body }) => {
      const held = registry.get(params.id);
      // A timeout for a call that is over, or held by no one here, has nothing left to time.
      if (!held) return { id: params.id, handled: false };
      const handled = await held.run(() => held.actionTimeout(body.action_id, body.tm_execute));
      return { id: params.id, handled };
    },

    createConfbridge: async ({ body }, context) => {
      const elsewhere = await whereCallLives(deps, body.reference_id, context);
      if (elsewhere) return elsewhere.reply as ReturnType<ConfbridgeService['create']>;
      return deps.confbridges.create(body);
    },
    getConfbridge: async ({ params }) => deps.confbridges.get(params.id),

    readMediaFile: async ({ body }) => deps.mediaFiles.read(body.path),
    writeMediaFile: async ({ body }) => deps.mediaFiles.write(body),
    fetchMediaFile: async ({ body }) => deps.mediaDownloads.fetch(body),
    listRecordings: async ({ query, body }) => deps.recordings.list(body ?? {}, page(query)),
    getRecording: async ({ params }) => {
      const recording = await deps.recordings.get(params.id);
      if (!recording) throw VoipError.notFound(`no recording ${params.id}`);
      return recording;
    },

    listChannels: async ({ body }) => ({ result: await deps.channels.live(body?.account_id) }),
    getChannel: async ({ params }) => {
      const channel = registry.byChannelId(params.id)?.leg.channel ?? (await deps.channels.get(params.id));
      if (!channel) throw VoipError.notFound(`no channel ${params.id}`);
      return structuredClone(channel);
    },
    channelCommand: async ({ params, body }) => channels.command(params.id, body),
    // One metaflow node on the live channel (Kazoo's konami modules, reference/kazoo.md §1).
    channelMetaflow: async ({ params, body }) => channels.metaflow(params.id, body),
  };
}
