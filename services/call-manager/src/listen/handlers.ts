import type { RequestContext, RouteHandlers } from '@voxmesh/mesh';
import { callManager } from '@voxmesh/contracts';
import { VoipError } from '@voxmesh/wire';
import { speakArgument } from '../actions/talk.js';
import type { ConfbridgeService } from '../calls/confbridges.js';
import type { OutgoingCalls } from '../calls/outgoing.js';
import type { RecordingService } from '../calls/recordings.js';
import type { CallRegistry } from '../calls/registry.js';
import type { CallSession } from '../calls/session.js';
import type { CallManagerSettings } from '../config.js';
import type { Call, CallManagerRoutes } from '../contract.js';
import type { CallRepository, ChannelRepository, RecordingRepository } from '../db/repositories.js';
import { DEFAULT_PAGE_SIZE } from '@voxmesh/store';
import { EslCommandError } from '../esl/errors.js';

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
  recordingService: RecordingService;
  confbridges: ConfbridgeService;
  outgoing: OutgoingCalls;
  settings: CallManagerSettings;
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
async function liveCall(deps: HandlerDeps, id: string, accountId: string | undefined, context: RequestContext): Promise<CallSession | Elsewhere> {
  const session = deps.registry.get(id);
  if (session && (accountId === undefined || accountId === '' || session.call.account_id === accountId)) {
    if (session.ending) throw VoipError.conflict(`call ${id} is ${session.call.status}`, 'CALL_ENDED');
    return session;
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
async function onCall(deps: HandlerDeps, id: string, accountId: string | undefined, context: RequestContext, work: (session: CallSession) => Promise<unknown>): Promise<Call> {
  const found = await liveCall(deps, id, accountId, context);
  if (found instanceof Elsewhere) return found.reply as Call;
  return control(found, () => work(found));
}

/** Runs a media-server command for a control request; its refusal becomes a clear answer. */
async function control(session: CallSession, work: () => Promise<unknown>): Promise<Call> {
  return session.run(async () => {
    if (session.ending) throw VoipError.conflict(`call ${session.call.id} is ${session.call.status}`, 'CALL_ENDED');
    try {
      await work();
    } catch (error) {
      if (error instanceof EslCommandError) {
        if (error.unsupported) throw VoipError.conflict(`the media server cannot do this: ${error.reply}`, 'MEDIA_SERVER_UNSUPPORTED');
        if (error.noSuchChannel) throw VoipError.conflict(`call ${session.call.id} has no channel any more`, 'CALL_ENDED');
        throw VoipError.unavailable(`the media server refused: ${error.reply}`, 'MEDIA_SERVER_ERROR', error);
      }
      throw error;
    }
    return structuredClone(session.call);
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
      const session = registry.get(params.id);
      if (session) {
        return session.run(async () => {
          session.amend((call) => (call.tm_delete = new Date().toISOString()));
          await session.requestHangup('normal');
          return structuredClone(session.call);
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

    hangupCall: async ({ params, body }, context) => onCall(deps, params.id, body.account_id, context, (session) => session.requestHangup(body.reason ?? 'normal')),
    talk: async ({ params, body }, context) =>
      onCall(deps, params.id, body.account_id, context, async (session) => {
        const voice = body.voice_id ?? body.voice;
        const argument = speakArgument({ text: body.text, provider: body.provider, voice_id: voice, language: body.language, gender: body.gender }, deps.settings.ttsEngine);
        await session.link.api(`uuid_broadcast ${session.call.channel_id} speak::${argument.replace(/[\r\n]+/g, ' ')} aleg`);
      }),
    play: async ({ params, body }, context) =>
      onCall(deps, params.id, body.account_id, context, async (session) => {
        for (const url of body.media_urls ?? body.stream_urls ?? []) await session.link.api(`uuid_broadcast ${session.call.channel_id} ${url} aleg`);
      }),
    sendDigits: async ({ params, body }, context) => {
      const digits = body.duration === undefined ? body.digits : `${body.digits}@${body.duration}`;
      return onCall(deps, params.id, body.account_id, context, (session) => session.link.api(`uuid_send_dtmf ${session.call.channel_id} ${digits}`));
    },
    mediaStop: async ({ params, body }, context) => onCall(deps, params.id, body.account_id, context, (session) => session.breakMedia(true)),
    recordingStart: async ({ params, body }, context) =>
      onCall(deps, params.id, body.account_id, context, async (session) => {
        if (deps.recordingService.activeOf(session)) throw VoipError.conflict(`call ${params.id} is already recording`, 'ALREADY_RECORDING');
        const limit = body.duration;
        await deps.recordingService.begin(session, { format: body.format ?? 'wav', limitSeconds: limit, endOfKey: body.end_of_key }, (path) =>
          session.link.api(`uuid_record ${session.call.channel_id} start ${path}${limit === undefined ? '' : ` ${limit}`}`),
        );
      }),
    recordingStop: async ({ params, body }, context) =>
      onCall(deps, params.id, body.account_id, context, async (session) => {
        const stopped = await deps.recordingService.stop(session, (path) => session.link.api(`uuid_record ${session.call.channel_id} stop ${path}`));
        if (!stopped) throw VoipError.conflict(`call ${params.id} is not recording`, 'NOT_RECORDING');
      }),
    hold: async ({ params, body }, context) =>
      onCall(deps, params.id, body.account_id, context, async (session) => {
        await session.link.api(`uuid_hold ${session.call.channel_id}`);
        session.update((call) => (call.hold = true));
      }),
    unhold: async ({ params, body }, context) =>
      onCall(deps, params.id, body.account_id, context, async (session) => {
        await session.link.api(`uuid_hold off ${session.call.channel_id}`);
        session.update((call) => (call.hold = false));
      }),
    mute: async ({ params, body }, context) => {
      const direction = body.direction ?? 'both';
      return onCall(deps, params.id, body.account_id, context, async (session) => {
        // What the caller says (read) is muted for `in`, what the caller hears (write) for `out`.
        if (direction !== 'out') await session.link.api(`uuid_audio ${session.call.channel_id} start read mute -4`);
        if (direction !== 'in') await session.link.api(`uuid_audio ${session.call.channel_id} start write mute -4`);
        session.update((call) => (call.mute_direction = direction));
      });
    },
    unmute: async ({ params, body }, context) =>
      onCall(deps, params.id, body.account_id, context, async (session) => {
        await session.link.api(`uuid_audio ${session.call.channel_id} stop`);
        session.update((call) => (call.mute_direction = ''));
      }),
    actionNext: async ({ params, body }, context) => {
      const session = registry.get(params.id);
      if (!session) {
        const elsewhere = await liveCall(deps, params.id, undefined, context);
        return elsewhere instanceof Elsewhere ? (elsewhere.reply as { id: string }) : { id: params.id };
      }
      // voipbin answers at once and moves the call on its own time.
      session.enqueue('action-next', () => session.actionNext(body.force === true));
      return { id: params.id };
    },
    actionTimeout: async ({ params, body }) => {
      const session = registry.get(params.id);
      // A timeout for a call that is over, or held by no one here, has nothing left to time.
      if (!session) return { id: params.id, handled: false };
      const handled = await session.run(() => session.actionTimeout(body.action_id, body.tm_execute));
      return { id: params.id, handled };
    },

    createConfbridge: async ({ body }, context) => {
      const elsewhere = await whereCallLives(deps, body.reference_id, context);
      if (elsewhere) return elsewhere.reply as ReturnType<ConfbridgeService['create']>;
      return deps.confbridges.create(body);
    },
    getConfbridge: async ({ params }) => deps.confbridges.get(params.id),

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
    channelCommand: async ({ params, body }) => {
      const session = registry.byChannelId(params.id);
      if (!session || (body.account_id !== undefined && body.account_id !== '' && session.call.account_id !== body.account_id)) throw VoipError.notFound(`no live channel ${params.id}`);
      switch (body.action) {
        case 'hangup':
          await control(session, () => session.requestHangup('normal'));
          break;
        case 'break':
          await control(session, () => session.breakMedia(false));
          break;
        default:
          throw new VoipError({ status: 'NOT_FOUND', reason: 'NO_ROUTE', message: `channel action ${body.action} needs metaflows, not served yet` });
      }
      return structuredClone(session.leg.channel);
    },
    // One metaflow node on the live channel (Kazoo's konami modules, reference/kazoo.md §1): those call-manager can do.
    channelMetaflow: async ({ params, body }) => {
      const module = body.data.module;
      if (!(callManager.channelMetaflowModules as readonly string[]).includes(module)) {
        if ((callManager.pendingMetaflowModules as readonly string[]).includes(module)) {
          throw new VoipError({ status: 'NOT_FOUND', reason: 'NO_ROUTE', message: `metaflow module ${module} is not served yet; hangup and break are` });
        }
        throw VoipError.invalidArgument('data.module', `data.module: unknown metaflow module ${module.slice(0, 64)}; call-manager runs ${callManager.channelMetaflowModules.join(' and ')}`);
      }
      const session = registry.byChannelId(params.id);
      if (!session || (body.account_id !== undefined && body.account_id !== '' && session.call.account_id !== body.account_id)) throw VoipError.notFound(`no live channel ${params.id}`);
      if (module === 'hangup') await control(session, () => session.requestHangup('normal'));
      else await control(session, () => session.breakMedia(false));
      return structuredClone(session.leg.channel);
    },
  };
}
