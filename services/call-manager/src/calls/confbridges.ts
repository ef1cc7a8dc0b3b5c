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
  /** A member to be replaced by whichever of these calls joins first (konami move). */
  replacing?: { from: string; by: Set<string>; onReplaced: (leaving: LiveCall, staying: LiveCall, arriving: LiveCall) => Promise<void> } | undefined;
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
    if (bridge.replacing?.by.has(callId)) return this.takeOver(bridge, run, live);
    if (bridge.doc.type === 'connect' && bridge.members.size >= 2) {
      // The connect already has its two: this leg lost the race.
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
      if (bridge.pending.size === 0) return this.terminate(bridge);
      // The caller waits for a leg to answer, hearing it ring.
      if (live.answered) await run.execute('playback', RINGBACK, { wait: false });
      else await run.execute('ring_ready', '', { wait: false });
      return;
    }
    const [first] = bridge.members.values();
    await this.bridge(bridge, first!.live, live);
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
   * Konami move: the first of `by` (calls dialled to run confbridge_join of this
   * bridge) to join takes `callId`'s place in its bridged connect, and `onReplaced`
   * then moves the media. The connect's other member stays where its flow is. Returns
   * the confbridge's id, or undefined when the call is in no bridged connect.
   */
  replaceMember(callId: string, onReplaced: (leaving: LiveCall, staying: LiveCall, arriving: LiveCall) => Promise<void>): { id: string; expect(by: string[]): void; cancel(): void } | undefined {
    for (const bridge of this.active.values()) {
      if (bridge.doc.type !== 'connect' || !bridge.bridged || !bridge.members.has(callId) || bridge.members.size !== 2) continue;
      // Set before the calls are dialled, so none can join before it is known.
      const replacing = { from: callId, by: new Set<string>(), onReplaced };
      bridge.replacing = replacing;
      return {
        id: bridge.doc.id,
        expect: (by) => by.forEach((id) => replacing.by.add(id)),
        cancel: () => {
          if (bridge.replacing === replacing) bridge.replacing = undefined;
        },
      };
    }
    return undefined;
  }

  private async takeOver(bridge: Bridge, run: JoinRun, live: LiveCall): Promise<void> {
    const replacing = bridge.replacing!;
    bridge.replacing = undefined;
    for (const id of replacing.by) {
      const loser = id === live.call.id ? undefined : this.options.registry.get(id);
      if (loser) loser.enqueue('lost the race', () => loser.requestHangup('cancel'));
    }
    const leaving = bridge.members.get(replacing.from);
    const staying = [...bridge.members.values()].find((member) => member !== leaving);
    if (!leaving || !staying || leaving.live.ending || staying.live.ending) {
      await run.hangup('normal');
      return;
    }
    bridge.members.delete(replacing.from);
    bridge.members.set(live.call.id, { live, actionId: run.action.id });
    this.changed(bridge);
    leaving.live.publish('confbridge_leaved', { ...bridge.doc, call_id: replacing.from });
    live.publish('confbridge_joined', { ...bridge.doc, call_id: live.call.id });
    live.update((call) => (call.confbridge_id = bridge.doc.id));
    try {
      await replacing.onReplaced(leaving.live, staying.live, live);
    } catch (error) {
      this.options.logger.warn({ err: error, confbridge_id: bridge.doc.id }, 'call not moved');
      this.terminate(bridge);
    }
  }

  /** The call left (hung up, or moved on by force): a connect lets the other one go. */
  left(live: LiveCall): void {
    for (const bridge of this.active.values()) {
      if (!bridge.members.delete(live.call.id)) continue;
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
      // A move none of whose calls answered leaves the call where it was.
      if (bridge.replacing?.by.delete(callId) && bridge.replacing.by.size === 0) bridge.replacing = undefined;
      if (!bridge.pending.delete(callId)) continue;
      if (!bridge.bridged && bridge.pending.size === 0 && bridge.members.size <= 1) this.terminate(bridge);
    }
  }

  private terminate(bridge: Bridge): void {
    if (bridge.doc.status === 'terminated') return;
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
