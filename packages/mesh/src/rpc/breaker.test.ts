import { describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import { CircuitBreaker } from './breaker.js';

describe('CircuitBreaker', () => {
  function breaker() {
    let now = 0;
    const changes: boolean[] = [];
    const b = new CircuitBreaker('q', { failureThreshold: 3, openMs: 1000 }, (open) => changes.push(open), () => now);
    return { b, changes, advance: (ms: number) => (now += ms) };
  }
  const down = VoipError.unavailable('down');

  it('opens after consecutive transport failures and fails fast while open', () => {
    const { b, changes } = breaker();
    for (let i = 0; i < 3; i++) {
      b.admit();
      b.failed(down);
    }
    expect(changes).toEqual([true]);
    expect(() => b.admit()).toThrow(/open/);
  });

  it('does not count answers that prove the target is alive', () => {
    const { b } = breaker();
    for (let i = 0; i < 10; i++) b.failed(VoipError.notFound('nope'));
    expect(() => b.admit()).not.toThrow();
  });

  it('lets one probe through after the open time and closes on its success', () => {
    const { b, changes, advance } = breaker();
    for (let i = 0; i < 3; i++) b.failed(VoipError.deadline('late'));
    advance(1000);
    b.admit();
    expect(() => b.admit()).toThrow(/half-open/);
    b.succeeded();
    expect(changes).toEqual([true, false]);
    expect(() => b.admit()).not.toThrow();
  });

  it('opens again when the probe fails', () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.failed(down);
    advance(1000);
    b.admit();
    b.failed(down);
    expect(() => b.admit()).toThrow(/open/);
  });
});
