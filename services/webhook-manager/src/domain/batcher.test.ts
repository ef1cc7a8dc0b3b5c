import { describe, expect, it } from '@jest/globals';
import { Batcher } from './batcher.js';

describe('Batcher', () => {
  it('sends calls made together as one batch, in order, each caller getting its own value', async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<number, number>(async (keys) => {
      batches.push(keys);
      return keys.map((key) => key * 10);
    });
    expect(await Promise.all([1, 2, 3].map((key) => batcher.load(key)))).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('holds new calls while the batches in flight run, then sends them together', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new Batcher<number, number>(
      async (keys) => {
        batches.push(keys);
        if (batches.length === 1) await gate;
        return keys;
      },
      { maxInFlight: 1 },
    );
    const first = batcher.load(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((key) => batcher.load(key));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(batches).toEqual([[1]]);
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('fails every caller of a failed batch, and goes on', async () => {
    let fail = true;
    const batcher = new Batcher<number, number>(async (keys) => {
      if (fail) throw new Error('down');
      return keys;
    });
    await expect(Promise.all([batcher.load(1), batcher.load(2)])).rejects.toThrow('down');
    fail = false;
    await expect(batcher.load(3)).resolves.toBe(3);
  });

  it('splits batches at the maximum size', async () => {
    const sizes: number[] = [];
    const batcher = new Batcher<number, number>(async (keys) => {
      sizes.push(keys.length);
      return keys;
    }, { maxSize: 2, maxInFlight: 5 });
    await Promise.all([1, 2, 3, 4, 5].map((key) => batcher.load(key)));
    expect(sizes).toEqual([2, 2, 1]);
  });
});
