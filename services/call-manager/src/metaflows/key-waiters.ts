import type { HeldCall } from '../calls/live-call.js';

interface Waiter {
  /** One key (hold's unhold key) or a sequence (transfer's takeback, `*1`). */
  keys: string;
  /** The start of `keys` pressed so far. */
  pressed: string;
  work: () => Promise<void>;
}

const nothing = async () => undefined;

/**
 * Keys a module waits for on a call's leg (hold's unhold key, transfer's takeback
 * sequence): the digits of the sequence, pressed in order, run the work instead of
 * reaching the metaflows or the flow; a digit that does not continue it starts over.
 * Kept per call object, so a call that ends forgets its waiters with it.
 */
export class KeyWaiters {
  private readonly waiting = new WeakMap<HeldCall, Waiter>();

  wait(call: HeldCall, keys: string, work: () => Promise<void>): void {
    this.waiting.set(call, { keys, pressed: '', work });
  }

  /** Stops waiting for `keys` on the call (a module that ended otherwise). */
  forget(call: HeldCall, keys: string): void {
    if (this.waiting.get(call)?.keys === keys) this.waiting.delete(call);
  }

  /**
   * What a digit pressed on the call does: the work once the sequence is complete,
   * nothing (but taken) when it continues one, undefined when no waiter takes it.
   */
  take(call: HeldCall, digit: string): (() => Promise<void>) | undefined {
    const waiter = this.waiting.get(call);
    if (!waiter) return undefined;
    const pressed = waiter.keys.startsWith(waiter.pressed + digit) ? waiter.pressed + digit : waiter.keys.startsWith(digit) ? digit : '';
    waiter.pressed = pressed;
    if (pressed === '') return undefined;
    if (pressed !== waiter.keys) return nothing;
    this.waiting.delete(call);
    return waiter.work;
  }
}
