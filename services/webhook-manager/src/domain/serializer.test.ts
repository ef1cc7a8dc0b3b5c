import { describe, expect, it } from '@jest/globals';
import { KeyedSerializer } from './serializer.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedSerializer', () => {
  it('runs one key’s tasks in order and different keys side by side', async () => {
    const serializer = new KeyedSerializer();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await sleep(ms);
      log.push(`end ${name}`);
    };
    await Promise.all([serializer.run('a', task('a1', 30)), serializer.run('a', task('a2', 1)), serializer.run('b', task('b1', 5))]);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
    expect(serializer.size).toBe(0);
  });

  it('goes on after a failed task, and reports the failure to its caller', async () => {
    const serializer = new KeyedSerializer();
    const failed = serializer.run('k', async () => {
      throw new Error('boom');
    });
    const next = serializer.run('k', async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });
});
