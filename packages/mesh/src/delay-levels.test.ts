import { describe, expect, it } from '@jest/globals';
import { MAX_DELAY_MS, delayLevel } from './delay-levels.js';

describe('delayLevel', () => {
  it('stays within 10% + 50 ms of every delay, far inside the promise', () => {
    for (let delay = 1; delay < MAX_DELAY_MS; delay = Math.ceil(delay * 1.013)) {
      expect(Math.abs(delayLevel(delay) - delay)).toBeLessThanOrEqual(delay * 0.03 + 25);
    }
  });

  it('uses few distinct levels, so few queues', () => {
    const levels = new Set<number>();
    for (let delay = 1; delay < MAX_DELAY_MS; delay = Math.ceil(delay * 1.01)) levels.add(delayLevel(delay));
    expect(levels.size).toBeLessThan(400);
  });

  it('refuses negative, infinite and too-long delays naming delay_ms', () => {
    for (const bad of [-1, Number.POSITIVE_INFINITY, MAX_DELAY_MS + 1]) expect(() => delayLevel(bad)).toThrow(/delay/);
  });
});
