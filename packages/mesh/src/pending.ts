import { VoipError } from '@voxmesh/wire';
import type { Delivery } from './broker.js';

interface Waiter {
  resolve: (delivery: Delivery) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Requests waiting for their reply, keyed by correlationId, each with its own deadline. */
export class PendingReplies {
  private readonly waiters = new Map<string, Waiter>();

  wait(correlationId: string, timeoutMs: number, what: string): Promise<Delivery> {
    return new Promise<Delivery>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(correlationId);
        reject(VoipError.deadline(`no reply from ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(correlationId, { resolve, reject, timer });
    });
  }

  /** Hands a reply to its waiter; a reply nobody waits for any more is dropped. */
  settle(delivery: Delivery): boolean {
    const id = delivery.properties.correlationId;
    if (id === undefined) return false;
    const waiter = this.waiters.get(id);
    if (!waiter) return false;
    this.waiters.delete(id);
    clearTimeout(waiter.timer);
    waiter.resolve(delivery);
    return true;
  }

  fail(correlationId: string, error: Error): void {
    const waiter = this.waiters.get(correlationId);
    if (!waiter) return;
    this.waiters.delete(correlationId);
    clearTimeout(waiter.timer);
    waiter.reject(error);
  }

  /** Fails every waiter, e.g. when the connection that would carry the replies is gone. */
  failAll(error: Error): void {
    for (const id of [...this.waiters.keys()]) this.fail(id, error);
  }

  get size(): number {
    return this.waiters.size;
  }
}
