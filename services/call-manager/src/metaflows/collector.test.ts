import { describe, expect, it } from '@jest/globals';
import { DtmfCollector, type StartTimer } from './collector.js';

/** A timer the test fires by hand. */
function manualTimer() {
  let pending: { ms: number; fire: () => void } | undefined;
  const start: StartTimer = (ms, fire) => {
    const entry = { ms, fire };
    pending = entry;
    return () => {
      if (pending === entry) pending = undefined;
    };
  };
  return { start, fire: () => pending?.fire(), get armedFor() { return pending?.ms; } };
}

describe('konami digit collection on one leg', () => {
  it('arms on the binding digit, keeps what follows, and hands it over when the inter-digit timer fires', () => {
    const timer = manualTimer();
    const collected: string[] = [];
    const collector = new DtmfCollector({ bindingDigit: '*', timeoutMs: 800, onCollected: (digits) => collected.push(digits), startTimer: timer.start });
    expect(collector.press('1')).toBe(false);
    expect(collector.press('*')).toBe(true);
    expect(timer.armedFor).toBe(800);
    expect(collector.press('2')).toBe(true);
    expect(collector.press('3')).toBe(true);
    expect(collector.press('*')).toBe(true);
    timer.fire();
    expect(collected).toEqual(['23*']);
    // Unarmed again: a plain digit is the flow's.
    expect(collector.press('4')).toBe(false);
  });

  it('hands over an empty sequence when nothing followed the binding digit, and nothing once stopped', () => {
    const timer = manualTimer();
    const collected: string[] = [];
    const collector = new DtmfCollector({ bindingDigit: '#', timeoutMs: 300, onCollected: (digits) => collected.push(digits), startTimer: timer.start });
    expect(collector.press('*')).toBe(false);
    collector.press('#');
    timer.fire();
    expect(collected).toEqual(['']);
    collector.press('#');
    collector.press('9');
    collector.stop();
    timer.fire();
    expect(collected).toEqual(['']);
  });
});
