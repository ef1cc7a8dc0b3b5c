import { VoipError } from '@voxmesh/wire';

/** This replica's own broker connection down: the request never left. */
export const NEVER_SENT: ReadonlySet<string> = new Set(['BROKER_DOWN']);
/** The same, or the connection dropped under the request: only for requests that may be sent twice. */
export const BROKER_AWAY: ReadonlySet<string> = new Set(['BROKER_DOWN', 'CONNECTION_LOST']);
const RETRY_MS = 250;

/**
 * Runs an RPC of a call's flow again while this replica's broker connection is down, for
 * at most `holdMs` (`-next_hold_max_ms`): a call between two actions waits for the broker
 * instead of being hung up. `reasons` are the failures after which `work` may be sent
 * again; anything else, the call ending or the time running out, is thrown.
 */
export async function whileBrokerAway<T>(reasons: ReadonlySet<string>, holdMs: number, ending: () => boolean, work: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + holdMs;
  for (;;) {
    try {
      return await work();
    } catch (thrown) {
      if (!(thrown instanceof VoipError) || !reasons.has(thrown.reason) || Date.now() >= giveUpAt || ending()) throw thrown;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

/**
 * Waits between tries of a request flow-manager could not answer: long enough in all to
 * outlast the lock of a replica that died mid-step (its step timeout and five seconds).
 */
export const RETRY_DELAYS_MS = [200, 1000, 2000, 4000, 8000];

/** Runs `work` again after a failure that may pass (a replica or the broker away a moment), until `ending()`. */
export async function retryWhilePassing<T>(ending: () => boolean, work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (thrown) {
      const delay = VoipError.from(thrown).retryable && !ending() ? RETRY_DELAYS_MS[attempt] : undefined;
      if (delay === undefined) throw thrown;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
