import type { HeldCall } from '../calls/live-call.js';

interface Waiter {
  key: string;
  work: () => Promise<void>;
}

/**
 * Keys a module waits for on a call's leg (hold's unhold key): the next press of the
 * key runs the work instead of reaching the metaflows or the flow. Kept per call
 * object, so a call that ends forgets its waiters with it.
 */
export class KeyWaiters {
  private readonly waiting = new WeakMap<HeldCall, Waiter>();

  wait(call: HeldCall, key: string, work: () => Promise<void>): void {
    this.waiting.set(call, { key, work });
  }

  /** The work waiting for this digit on the call, taken; undefined when none waits for it. */
  take(call: HeldCall, digit: string): (() => Promise<void>) | undefined {
    const waiter = this.waiting.get(call);
    if (!waiter || waiter.key !== digit) return undefined;
    this.waiting.delete(call);
    return waiter.work;
  }
}
