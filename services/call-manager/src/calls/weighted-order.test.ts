import { describe, expect, it } from '@jest/globals';
import { weightedOrder } from './weighted-order.js';

const weightOf = (item: { weight?: number }) => item.weight;

describe('weightedOrder', () => {
  it('gives each place by the weights left', () => {
    const items = [{ id: 'a', weight: 10 }, { id: 'b', weight: 30 }, { id: 'c', weight: 60 }];
    // 0.35 of 100 falls in b's share (10..40); then 0.9 of 70 in c's (10..70); a is last.
    const draws = [0.35, 0.9];
    expect(weightedOrder(items, weightOf, () => draws.shift()!).map((item) => item.id)).toEqual(['b', 'c', 'a']);
    expect(weightedOrder(items, weightOf, () => 0).map((item) => item.id)).toEqual(['a', 'b', 'c']);
    expect(weightedOrder(items, weightOf, () => 0.999999).map((item) => item.id)).toEqual(['c', 'b', 'a']);
  });

  it('puts the heavier endpoint first about as often as its share of the weight, and never drops one', () => {
    const items = [{ id: 'heavy', weight: 80 }, { id: 'light', weight: 20 }, { id: 'none' }];
    let heavyFirst = 0;
    const runs = 4000;
    for (let i = 0; i < runs; i += 1) {
      const order = weightedOrder(items, weightOf);
      expect(order.map((item) => item.id).sort()).toEqual(['heavy', 'light', 'none']);
      if (order[0]!.id === 'heavy') heavyFirst += 1;
    }
    // 80 of 101: about 0.79; four thousand draws keep it well inside ±0.05.
    expect(heavyFirst / runs).toBeGreaterThan(0.74);
    expect(heavyFirst / runs).toBeLessThan(0.84);
  });
});
