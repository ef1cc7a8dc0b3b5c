import { randomUUID } from 'node:crypto';
import type { Logger } from '@voxmesh/telemetry';
import { VoipError } from '@voxmesh/wire';
import type { Confbridge, HangupReason } from '../contract.js';
import type { ConfbridgeRepository } from '../db/repositories.js';
import { RINGBACK, conferenceArgument } from '../esl/commands.js';
import type { LiveCall } from './live-call.js';
import type { CallRegistry } from './registry.js';

/** What joining asks of the confbridge_join action that runs it. */
export interface JoinRun {
  readonly action: { readonly id: string; readonly option: { readonly confbridge_id: string } };
  execute(app: string, arg?: string, options?: { wait?: boolean }): Promise<string>;
  complete(): Promise<void>;
  refuse(reason: string, message: string): Promise<void>;
  hangup(reason: Exclude<HangupReason, ''>): Promise<void>;
}

interface Member {
  live: LiveCall;
  /** The confbridge_join run that put it here; it completes when the call is let go. */
  actionId: string;
}

interface Bridge {
  doc: Confbridge;
  members: Map<string, Member>;
  /** Calls dialled for a connect that have not joined yet. */
  pending: Set<string>;
  bridged: boolean;
  /** Who decides on joins and leaves for a while (konami move and transfer). */
  watcher?: ConfbridgeWatcher | undefined;
}

/** What takes a bridged connect's membership in hand for a while (konami move and transfer). */
export interface ConfbridgeWatcher {
  /** Calls dialled to run confbridge_join of the connect: their joining is the watcher's. */
  readonly arrivals: ReadonlySet<string>;
  /** A call joining that `arrivals` does not know yet (it answered before the dialling returned). */
  expects(live: LiveCall): boolean;
  onJoin(run: JoinRun, live: LiveCall): Promise<void>;
  /** A member is leaving: true when the watcher dealt with it and the connect goes on. */
  onLeave(live: LiveCall): boolean;
  /** A call ended (the dialled ones included). */
  onLegEnded(callId: string): void;
}

/** A bridged connect as its watcher changes it. */
export interface WatchedConnect {
  readonly id: string;
  member(callId: string): LiveCall | undefined;
  /** `to` takes `from`'s place (`from` may have left already); `actionId` is `to`'s confbridge_join. */
  swap(from: string, to: LiveCall, actionId: string): void;
  /** A member leaves while the connect goes on. */
  drop(callId: string): void;
  /** The watcher is done: the connect behaves as any again. */
  release(): void;
  /** The connect is over: its members' flows go on. */
  end(): void;
}

/**
 * Confbridges. A `connect` one (flow-manager's connect) holds the caller until the
 * first dialled leg answers and joins, then bridges the two on the media server
 * (`uuid_bridge`, each leg set to park when the other leaves); when one leaves, or
 * when every dialled leg failed before joining, the other's confbridge_join ends and
 * its flow goes on. Later legs lose the race and are hung up. A `conference` one is a
 * FreeSWITCH conference that calls join and leave.
 */
export class ConfbridgeService {
  private readonly active = new Map<string, Bridge>();

  constructor(private readonly options: { repository: ConfbridgeRepository; registry: CallRegistry; logger: Logger }) {}

  create(request: { account_id?: string | undefined; activeflow_id?: string | undefined; reference_id?: string | undefined; type?: 'connect' | 'conference' | undefined }): Confbridge {
    const doc: Confbridge = {
      id: randomUUID(),
      account_id: request.account_id ?? '',
      type: request.type ?? 'connect',
      status: 'progressing',
      activeflow_id: request.activeflow_id ?? '',
      reference_id: request.reference_id ?? '',
      call_ids: [],
      tm_create: new Date().toISOString(),
      tm_update: null,
      tm_delete: null,
    };
    this.active.set(doc.id, { doc, members: new Map(), pending: new Set(), bridged: false });
    this.options.repository.save(doc);
    return doc;
  }

  async get(id: string): Promise<Confbridge> {
    const doc = this.active.get(id)?.doc ?? (await this.options.repository.get(id));
    if (!doc) throw VoipError.notFound(`no confbridge ${id}`);
    return doc;
  }

  /** A call dialled by `masterCallId`'s connect: it belongs to that call's newest connect confbridge. */
  addPendingLeg(masterCallId: string, callId: string): void {
    let newest: Bridge | undefined;
    for (const bridge of this.active.values()) {
      if (bridge.doc.type !== 'connect' || bridge.doc.reference_id !== masterCallId || bridge.bridged) continue;
      if (!newest || bridge.doc.tm_create >= newest.doc.tm_create) newest = bridge;
    }
    newest?.pending.add(callId);
  }

  /** confbridge_join. Runs on the joining call's queue. */
  async join(run: JoinRun, live: LiveCall): Promise<void> {
    const id = run.action.option.confbridge_id;
    const bridge = this.active.get(id);
    if (!bridge) {
      const stored = await this.options.repository.get(id);
      // A connect whose legs all failed before the caller came: nobody to connect, the flow goes on.
      if (stored?.status === 'terminated') return run.complete();
      return run.refuse('NO_CONFBRIDGE', `confbridge ${id} does not exist here`);
    }
    const callId = live.call.id;
    bridge.pending.delete(callId);
    if (bridge.watcher && (bridge.watcher.arrivals.has(callId) || bridge.watcher.expects(live))) return bridge.watcher.onJoin(run, live);
    if (bridge.doc.type === 'connect' && (bridge.members.size >= 2 || this.calleeWaits(bridge, callId))) {
      // The connect already has its two, or a leg that answered first: this leg lost the race.
      await run.hangup('cancel');
      return;
    }
    bridge.members.set(callId, { live, actionId: run.action.id });
    this.changed(bridge);
    live.publish('confbridge_joined', { ...bridge.doc, call_id: callId });
    live.update((call) => (call.confbridge_id = id));
    if (bridge.doc.type === 'conference') {
      await run.execute('conference', conferenceArgument(id));
      return;
    }
    if (bridge.members.size === 1) {
      // A leg that answered before its caller came in waits for it (the caller's hangup
      // hangs it up as a chained call): it is the caller who may give up on the dialling.
      if (bridge.doc.type === 'connect' && !this.isCaller(bridge, callId)) return;
      if (bridge.pending.size === 0) return this.terminate(bridge);
      // The caller waits for a leg to answer, hearing it ring.
      if (live.answered) await run.execute('playback', RINGBACK, { wait: false });
      else await run.execute('ring_ready', '', { wait: false });
      return;
    }
    const [first] = bridge.members.values();
    await this.bridge(bridge, first!.live, live);
  }

  /** Whether `callId` is the connect's caller (a connect made without one has no caller to tell apart). */
  private isCaller(bridge: Bridge, callId: string): boolean {
    return bridge.doc.reference_id === '' || bridge.doc.reference_id === callId;
  }

  /** A dialled leg already waits in the connect for its caller, and `callId` is another dialled leg. */
  private calleeWaits(bridge: Bridge, callId: string): boolean {
    if (this.isCaller(bridge, callId)) return false;
    for (const id of bridge.members.keys()) if (!this.isCaller(bridge, id)) return true;
    return false;
  }

  private async bridge(bridge: Bridge, a: LiveCall, b: LiveCall): Promise<void> {
    bridge.bridged = true;
    for (const id of bridge.pending) {
      const loser = this.options.registry.get(id);
      if (loser) loser.enqueue('lost the race', () => loser.requestHangup('cancel'));
    }
    bridge.pending.clear();
    try {
      if (a.call.media_server !== b.call.media_server) throw new Error(`the legs are on different media servers (${a.call.media_server}, ${b.call.media_server})`);
      await a.control.breakMedia(true).catch(() => undefined);
      // A caller that only heard ring_ready has no media: FreeSWITCH takes uuid_bridge (+OK)
      // and then drops both legs (DESTINATION_OUT_OF_ORDER, ORIGINATOR_CANCEL). Answered, it bridges.
      for (const leg of [a, b]) if (!leg.answered) await leg.control.answer();
      // Whoever stays when the other leaves is parked, not hung up: its flow goes on.
      await a.control.parkAfterBridge();
      await b.control.parkAfterBridge();
      await b.control.bridgeTo(a);
    } catch (error) {
      this.options.logger.warn({ err: error, confbridge_id: bridge.doc.id }, 'legs not bridged');
      this.terminate(bridge);
    }
  }

  /**
   * Hands the bridged connect `callId` is one of two members of to a watcher (made by
   * `make`, before any call it dials can join). Undefined when there is none.
   */
  watch(callId: string, make: (connect: WatchedConnect) => ConfbridgeWatcher): WatchedConnect | undefined {
    for (const bridge of this.active.values()) {
      if (bridge.doc.type !== 'connect' || !bridge.bridged || bridge.watcher || !bridge.members.has(callId) || bridge.members.size !== 2) continue;
      const connect: WatchedConnect = {
        id: bridge.doc.id,
        member: (id) => bridge.members.get(id)?.live,
        swap: (from, to, actionId) => {
          connect.drop(from);
          bridge.members.set(to.call.id, { live: to, actionId });
          this.changed(bridge);
          to.publish('confbridge_joined', { ...bridge.doc, call_id: to.call.id });
          to.update((call) => (call.confbridge_id = bridge.doc.id));
        },
        drop: (id) => {
          const member = bridge.members.get(id);
          if (!member || !bridge.members.delete(id)) return;
          this.changed(bridge);
          member.live.publish('confbridge_leaved', { ...bridge.doc, call_id: id });
        },
        release: () => {
          if (bridge.watcher === watcher) bridge.watcher = undefined;
        },
        end: () => this.terminate(bridge),
      };
      const watcher = make(connect);
      bridge.watcher = watcher;
      return connect;
    }
    return undefined;
  }

  /** The call left (hung up, or moved on by force): a connect lets the other one go. */
  left(live: LiveCall): void {
    for (const bridge of this.active.values()) {
      if (!bridge.members.has(live.call.id) || bridge.watcher?.onLeave(live)) continue;
      bridge.members.delete(live.call.id);
      this.changed(bridge);
      live.publish('confbridge_leaved', { ...bridge.doc, call_id: live.call.id });
      if (bridge.doc.type === 'conference') {
        if (!live.ending) void this.kick(bridge.doc.id, live);
        if (bridge.members.size === 0) this.terminate(bridge);
        continue;
      }
      if (bridge.bridged || bridge.members.size <= 1) {
        // Before anyone answered, a caller who leaves takes the dialling with it (its legs are hung up as its chained calls).
        if (bridge.bridged || bridge.members.size === 0 || bridge.pending.size === 0) this.terminate(bridge);
      }
    }
  }

  /** A dialled leg ended; if it was the last one a waiting caller had, the connect is over. */
  legEnded(callId: string): void {
    for (const bridge of this.active.values()) {
      bridge.watcher?.onLegEnded(callId);
      if (!bridge.pending.delete(callId)) continue;
      if (!bridge.bridged && bridge.pending.size === 0 && bridge.members.size <= 1) this.terminate(bridge);
    }
  }

  private terminate(bridge: Bridge): void {
    if (bridge.doc.status === 'terminated') return;
    bridge.watcher = undefined;
    bridge.doc.status = 'terminated';
    this.active.delete(bridge.doc.id);
    const ringing = !bridge.bridged;
    for (const member of bridge.members.values()) {
      const { live, actionId } = member;
      live.enqueue('confbridge over', async () => {
        // A caller still hearing ringback stops hearing it before its flow goes on.
        if (ringing && !live.ending) await live.breakMedia(false).catch(() => undefined);
        await live.finishAction(actionId);
      });
    }
    const released = [...bridge.members.values()].map((member) => member.live);
    bridge.members.clear();
    this.changed(bridge);
    for (const live of released) live.publish('confbridge_leaved', { ...bridge.doc, call_id: live.call.id });
  }

  private changed(bridge: Bridge): void {
    bridge.doc.call_ids = [...bridge.members.keys()];
    bridge.doc.tm_update = new Date().toISOString();
    this.options.repository.save(bridge.doc);
  }

  /** Takes a call out of a FreeSWITCH conference it is still in. */
  private async kick(name: string, live: LiveCall): Promise<void> {
    try {
      await live.control.leaveConference(name);
    } catch (error) {
      this.options.logger.debug({ err: error, conference: name }, 'member not kicked');
    }
  }
}
