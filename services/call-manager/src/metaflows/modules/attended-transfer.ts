import type { HeldCall, LiveCall } from '../../calls/live-call.js';
import type { ConfbridgeWatcher, WatchedConnect } from '../../calls/confbridges.js';
import * as fs from '../../esl/commands.js';
import type { MetaflowRun } from './types.js';

/** Kazoo's konami_transfer defaults: the takeback sequence, the ringback tone, 20 s for the target. */
const TAKEBACK = '*1';
const RINGBACK = '%(2000,4000,440,480)';
const RING_SECONDS = 20;
/** How long a target that answered waits to learn whether a transferor going down has left. */
const LEAVE_WAIT_MS = 2000;

/** What a `ringback` names, as a path to play: a TGML tone, a tone_stream, or a file or URL. */
function ringbackPath(ringback: string): string {
  return ringback.startsWith('%(') ? `tone_stream://${fs.ringbackValue(ringback)};loops=-1` : ringback;
}

type State = 'ringing' | 'talking' | 'partial' | 'done';

const logged = (run: MetaflowRun<'transfer'>, what: string) => (error: unknown) => run.deps.logger.warn({ err: error, call_id: run.call.call.id }, `metaflow transfer: ${what}`);

/**
 * Kazoo's attended transfer (konami_transfer), on the two calls of a bridged connect.
 * The transferor (the leg that pressed) is held, the transferee hearing `moh` as its
 * hold music, and hears `ringback` while the target is dialled; once the target answers
 * the transferor talks to it and the transferee waits parked with `moh`. Then:
 * - the transferor hangs up: the target takes its place (the transfer is done);
 * - the transferor hangs up before the target answers: the target takes its place
 *   once it answers (a partial, or blind, transfer);
 * - `takeback_dtmf` from the transferor, or the target failing or hanging up: the
 *   target is let go and the transferor is back with the transferee;
 * - the transferee hangs up: the transferor and the target stay together (before the
 *   target answers, the transfer is dropped).
 * The transferee's flow goes on as if nothing happened, in its connect.
 */
export async function attendedTransfer(run: MetaflowRun<'transfer'>, transferee: HeldCall, target: string): Promise<boolean> {
  const { call: transferor, deps } = run;
  const takeback = run.data.takeback_dtmf ?? TAKEBACK;
  const moh = run.data.moh === undefined || run.data.moh === '' ? undefined : run.data.moh;
  let state: State = 'ringing';
  let targetCall: LiveCall | undefined;
  let targetAction = '';
  const dialled = new Set<string>();
  let dialling = true;
  let markLeft!: () => void;
  const left = new Promise<boolean>((resolve) => (markLeft = () => resolve(true)));
  /** True once the transferor's leave has been dealt with (by `onLeave`); false if it has not come in a while. */
  const transferorLeft = () => Promise.race([left, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), LEAVE_WAIT_MS).unref())]);

  const finish = (connect: WatchedConnect) => {
    state = 'done';
    connect.release();
    deps.keys.forget(transferor, takeback);
  };
  const letTargetGo = () => {
    for (const id of dialled) {
      const call = deps.registry.get(id);
      if (call && !call.ending) call.enqueue('transfer over', () => call.requestHangup(call.answered ? 'normal' : 'cancel'));
    }
  };
  // The target and the transferee must not go down with the transferor when it leaves them together.
  // A target's call is chained to the transferor before the dial returns its id, so every call chained since the transfer began is the target's.
  const chainedBefore = new Set(transferor.call.chained_call_ids);
  const detach = () => transferor.amend((call) => (call.chained_call_ids = call.chained_call_ids.filter((id) => chainedBefore.has(id) && !dialled.has(id) && id !== transferee.call.id)));
  /** Back as before: the transferor unheld, or bridged again to the transferee. */
  const resume = (was: State) =>
    transferor.enqueue('transfer taken back', async () => {
      if (transferor.ending) return;
      await transferor.control.breakMedia(true).catch(() => undefined);
      if (was === 'ringing') return transferor.control.unhold();
      if (transferee.ending) return;
      await transferee.run(() => transferee.control.breakMedia(true)).catch(() => undefined);
      await transferor.control.bridgeTo(transferee);
    });
  /** The target takes the transferor's place with the transferee. */
  const complete = (connect: WatchedConnect, arriving: LiveCall, actionId: string) => {
    connect.swap(transferor.call.id, arriving, actionId);
    finish(connect);
    arriving.enqueue('transfer done', async () => {
      await transferee.run(() => transferee.control.breakMedia(true)).catch(() => undefined);
      await arriving.control.parkAfterBridge();
      await arriving.control.bridgeTo(transferee);
    });
  };

  const connect = deps.confbridges.watch(transferor.call.id, (watched): ConfbridgeWatcher => ({
    arrivals: dialled,
    expects: (live) => dialling && live.call.master_call_id === transferor.call.id,
    async onJoin(join, arriving) {
      dialled.add(arriving.call.id);
      // The target answered as the transferor went down: once its leave has made the transfer partial, the target takes its place.
      if (state === 'ringing' && transferor.ending) await transferorLeft();
      if (state === 'partial') return complete(watched, arriving, join.action.id);
      if (state !== 'ringing') return join.hangup('normal');
      state = 'talking';
      targetCall = arriving;
      targetAction = join.action.id;
      try {
        await transferor.run(async () => {
          await transferor.control.breakMedia(true);
          await transferor.control.unhold();
        });
        await arriving.control.parkAfterBridge();
        await arriving.control.bridgeTo(transferor);
      } catch (error) {
        // The transferor hung up while the target was being put through to it: its leave
        // hands the target to the transferee (queued on the target's call): no failure.
        if (await transferorLeft()) return;
        throw error;
      }
      if (moh !== undefined) transferee.enqueue('transfer hold music', () => transferee.control.play([moh]).catch(logged(run, 'music not played')));
    },
    onLeave(leaving) {
      if (leaving === transferor) {
        markLeft();
        deps.keys.forget(transferor, takeback);
        if (state === 'ringing' || state === 'talking') detach();
        if (state === 'ringing') {
          state = 'partial';
          watched.drop(transferor.call.id);
          return true;
        }
        if (state === 'talking' && targetCall) {
          complete(watched, targetCall, targetAction);
          return true;
        }
        return false;
      }
      if (leaving === transferee) {
        if (state === 'talking' && targetCall) {
          watched.swap(transferee.call.id, targetCall, targetAction);
          finish(watched);
          return true;
        }
        const was = state;
        finish(watched);
        letTargetGo();
        if (was === 'ringing') resume(was);
      }
      return false;
    },
    onLegEnded(id) {
      if (!dialled.has(id) || state === 'done') return;
      const was = state;
      finish(watched);
      if (was === 'partial') watched.end();
      else resume(was);
    },
  }));
  if (!connect) return false;

  deps.keys.wait(transferor, takeback, async () => {
    if (state !== 'ringing' && state !== 'talking') return;
    const was = state;
    finish(connect);
    if (was === 'talking') {
      await transferee.run(() => transferee.control.breakMedia(true)).catch(() => undefined);
      await transferor.control.bridgeTo(transferee);
    } else {
      await transferor.control.breakMedia(true);
      await transferor.control.unhold();
    }
    letTargetGo();
  });
  try {
    if (moh !== undefined) await transferor.link.api(fs.setVariable(transferor.call.channel_id, 'hold_music', moh));
    await transferor.control.hold();
    await transferor.control.play([ringbackPath(run.data.ringback ?? RINGBACK)]);
    const calls = await deps.dial({
      account_id: transferor.call.account_id,
      destinations: [{ type: 'tel', target }],
      actions: [{ type: 'confbridge_join', option: { confbridge_id: connect.id } }, { type: 'hangup', option: {} }],
      master_call_id: transferor.call.id,
      timeout: RING_SECONDS,
    });
    for (const call of calls) dialled.add(call.id);
  } catch (error) {
    finish(connect);
    resume('ringing');
    throw error;
  } finally {
    dialling = false;
  }
  return true;
}
