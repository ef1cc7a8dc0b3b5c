import type { LiveCall } from '../../calls/live-call.js';
import { EslCommandError } from '../../esl/errors.js';
import { peerOf } from '../peer.js';
import type { MetaflowHandler } from './types.js';

/** How long the owner's other devices ring (Kazoo's move waits 20 s for the originate). */
const RING_SECONDS = 20;
/** The old leg's hangup frees the other party for the new bridge within this. */
const BRIDGE_WAIT_MS = 3000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The media moves: the leaving leg (the mover's old device) hangs up, which leaves the
 * other party parked (park_after_bridge), and the new leg is bridged to it.
 */
async function moveMedia(leaving: LiveCall, staying: LiveCall, arriving: LiveCall): Promise<void> {
  // The other party must not go down with the mover's old leg.
  leaving.amend((call) => (call.chained_call_ids = call.chained_call_ids.filter((id) => id !== staying.call.id)));
  await leaving.run(() => leaving.requestHangup('normal'));
  await arriving.control.parkAfterBridge();
  for (let waited = 0; ; waited += 50) {
    try {
      await arriving.control.bridgeTo(staying);
      return;
    } catch (error) {
      if (!(error instanceof EslCommandError) || waited >= BRIDGE_WAIT_MS || staying.ending || arriving.ending) throw error;
      await sleep(50);
    }
  }
}

/**
 * konami `move` (Kazoo's konami_move): rings the other devices of the owner (`owner_id`,
 * else the owner of the device that pressed), or `device_id` alone, for `timeout`
 * seconds (20); the first to answer takes the pressing
 * leg's place in its call, the other party hearing no change but the new voice, and
 * the old leg hangs up. The device that pressed is not rung. Nothing answering, or
 * either party leaving first, leaves the call as it was. The pressing leg must be one
 * of a connect's two bridged calls.
 */
export const move: MetaflowHandler<'move'> = async (run) => {
  const { call: mover, deps } = run;
  const log = (reason: string) => deps.logger.info({ call_id: mover.call.id, reason }, 'metaflow move: nothing to move');
  const ownerId = run.data.owner_id ?? mover.call.device?.user_id ?? '';
  const other = peerOf(mover, deps.registry);
  const deviceId = run.data.device_id;
  if (ownerId === '' && deviceId === undefined) return log('no owner'), 'stop';
  if (!other) return log('no other party'), 'stop';
  const sourceDevice = mover.call.device?.id ?? '';
  const ringSeconds = run.data.timeout ?? RING_SECONDS;
  const endpoints = deviceId !== undefined ? [{ type: 'device' as const, id: deviceId }] : [{ type: 'user' as const, id: ownerId }];
  const legs = await deps.endpoints.resolve({ accountId: mover.call.account_id, caller: null, endpoints, timeoutMs: ringSeconds * 1000, canCallSelf: true });
  const destinations = legs.filter((leg) => leg.deviceId !== sourceDevice).map((leg) => leg.address);
  if (destinations.length === 0) return log('the owner has no other device'), 'stop';
  const arrivals = new Set<string>();
  let dialling = true;
  /** The call that answered first, once one has. */
  let taken: string | undefined;
  const hangUpArrivals = (except?: string) => {
    for (const id of arrivals) {
      const call = id === except ? undefined : deps.registry.get(id);
      if (call) call.enqueue('move over', () => call.requestHangup('cancel'));
    }
  };
  const connect = deps.confbridges.watch(mover.call.id, (watched) => ({
    arrivals,
    expects: (live) => dialling && live.call.master_call_id === other.call.id,
    async onJoin(join, arriving) {
      watched.release();
      taken = arriving.call.id;
      hangUpArrivals(taken);
      const leaving = watched.member(mover.call.id);
      const staying = watched.member(other.call.id);
      if (!leaving || !staying || leaving.ending || staying.ending) return join.hangup('normal');
      watched.swap(mover.call.id, arriving, join.action.id);
      await moveMedia(leaving, staying, arriving).catch((error: unknown) => deps.logger.warn({ err: error, call_id: mover.call.id }, 'call not moved'));
    },
    onLeave() {
      watched.release();
      hangUpArrivals();
      return false;
    },
    onLegEnded(id) {
      if (arrivals.delete(id) && arrivals.size === 0) watched.release();
    },
  }));
  if (!connect) return log('not in a bridged connect'), 'stop';
  try {
    const calls = await deps.dial({
      account_id: mover.call.account_id,
      destinations,
      actions: [{ type: 'confbridge_join', option: { confbridge_id: connect.id } }, { type: 'hangup', option: {} }],
      master_call_id: other.call.id,
      timeout: ringSeconds,
    });
    for (const call of calls) arrivals.add(call.id);
    // One answered while the others were still being dialled: they lost.
    if (taken !== undefined) hangUpArrivals(taken);
  } catch (error) {
    connect.release();
    throw error;
  } finally {
    dialling = false;
  }
  return 'stop';
};
