import { describe, expect, it } from '@jest/globals';
import { SerialQueue } from './serial-queue.js';

describe('SerialQueue', () => {
  it('runs pieces one at a time in arrival order, whatever each waits for', async () => {
    const errors: unknown[] = [];
    const queue = new SerialQueue((error) => errors.push(error));
    const seen: string[] = [];
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    queue.push('slow', async () => {
      seen.push('slow start');
      await wait(20);
      seen.push('slow end');
    });
    queue.push('fails', async () => {
      seen.push('fails');
      throw new Error('boom');
    });
    const result = queue.run(async () => {
      seen.push('fast');
      return 42;
    });
    expect(queue.size).toBe(3);
    await expect(result).resolves.toBe(42);
    await queue.drained();
    expect(seen).toEqual(['slow start', 'slow end', 'fails', 'fast']);
    expect(errors).toEqual([new Error('boom')]);
    expect(queue.size).toBe(0);
  });

  it('hands a waiting caller the failure of its own piece', async () => {
    const queue = new SerialQueue(() => undefined);
    await expect(queue.run(async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await expect(queue.run(async () => 'after')).resolves.toBe('after');
  });
});
