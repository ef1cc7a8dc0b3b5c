import { describe, expect, it } from '@jest/globals';
import { DeliveryWorker, type DeliveryWorkerOptions } from './delivery-worker.js';

/** Room accounting needs none of the worker's collaborators. */
function worker(localConcurrency: number): DeliveryWorker {
  return new DeliveryWorker({ owner: 'test', leaseMs: 1000, backoff: { baseMs: 1, maxMs: 1 }, localConcurrency } as unknown as DeliveryWorkerOptions);
}

describe('room in the local delivery loop', () => {
  it('is reserved for a waiting round when it frees, before a newcomer can take it', async () => {
    const loop = worker(10);
    expect(loop.reserve(10)).toBe(10);
    const waiting = loop.reserveWaiting(4, 5000);
    loop.unreserve(4);
    // A round arriving now queues behind the one already waiting, and gets what is left when its wait ends.
    const newcomer = loop.reserveWaiting(4, 50);
    expect(await waiting).toBe(4);
    expect(await newcomer).toBe(0);
  });

  it('takes what there is once the wait runs out', async () => {
    const loop = worker(10);
    loop.reserve(8);
    expect(await loop.reserveWaiting(5, 20)).toBe(2);
  });
});
