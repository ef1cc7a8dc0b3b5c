import type { RpcClient } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import { VoipError } from '@voxmesh/wire';
import type { flowManager } from '@voxmesh/contracts';
import type { WireAction } from '../contract.js';
import { NEVER_SENT, RETRY_DELAYS_MS, whileBrokerAway } from './broker-away.js';

export interface NextActionDeps {
  flows: RpcClient<flowManager.FlowManagerRoutes>;
  logger: Logger;
  /** `-next_hold_max_ms`: how long a call waits at an action boundary for the broker to come back. */
  nextHoldMaxMs?: number | undefined;
}

/**
 * Asks flow-manager for the action after `currentId`, riding out what may pass: the
 * broker away (a request that never left is sent again), a replica restarting (retried
 * with backoff), and a refusal because flow-manager is elsewhere (STALE_ACTION), which
 * is followed. Throws the failure that did not pass; `ending()` stops the asking.
 */
export async function nextActionOf(deps: NextActionDeps, call: { id: string; activeflow_id: string }, currentId: string | undefined, ending: () => boolean): Promise<WireAction> {
  for (let attempt = 0; ; attempt++) {
    try {
      // A next lost on the way may have moved the activeflow: only one that never left is sent again here.
      return await whileBrokerAway(NEVER_SENT, deps.nextHoldMaxMs ?? 0, ending, () =>
        deps.flows.call('nextAction', { params: { id: call.activeflow_id }, body: currentId === undefined ? {} : { current_action_id: currentId } }),
      );
    } catch (thrown) {
      const error = VoipError.from(thrown);
      if (ending()) throw thrown;
      if (error.reason === 'STALE_ACTION') {
        const followed = await followStale(deps, call, error, attempt === 0);
        if (followed) return followed;
      }
      const delay = error.retryable ? RETRY_DELAYS_MS[attempt] : undefined;
      if (delay === undefined) throw thrown;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * Where to go on when flow-manager refused a next as stale. On the first try it moved on
 * without us: a forward (asked for anew), or a step whose reply was lost (its replica
 * died, or the reply came after the deadline) and whose action is still to run. On a
 * retry our earlier try reached it but the answer was lost: the action it moved to, the
 * one the refusal names, never ran and runs now rather than being skipped.
 */
async function followStale(deps: NextActionDeps, call: { id: string; activeflow_id: string }, stale: VoipError, firstTry: boolean): Promise<WireAction | undefined> {
  const id = call.activeflow_id;
  if (firstTry) deps.logger.warn({ call_id: call.id, activeflow_id: id, message: stale.message }, 'activeflow was elsewhere; following it');
  const there = await deps.flows.call('getActiveflow', { params: { id } }).catch(() => undefined);
  if (firstTry) {
    if (there !== undefined && there.status !== 'ended' && there.forward_action_id === '') return there.current_action;
    return deps.flows.call('nextAction', { params: { id }, body: {} }).catch(() => undefined);
  }
  const current = there?.current_action;
  if (!current || current.id !== stale.details?.current_action_id) return undefined;
  deps.logger.warn({ call_id: call.id, activeflow_id: id, action_id: current.id }, 'the answer to a next was lost; running the action it moved to');
  return current;
}
