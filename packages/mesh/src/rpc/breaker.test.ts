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

  it('does not count its own broker connection being down, which says nothing of the target', () => {
    const { b, changes } = breaker();
    for (let i = 0; i < 10; i++) {
      b.admit();
      b.failed(VoipError.unavailable('broker not connected', 'BROKER_DOWN'));
      b.failed(VoipError.unavailable('connection to the broker was lost', 'CONNECTION_LOST'));
    }
    expect(changes).toEqual([]);
    expect(() => b.admit()).not.toThrow();
  });

  it('keeps probing when a probe never reached the target, and a refused caller does not close it', () => {
    const { b, changes, advance } = breaker();
    for (let i = 0; i < 3; i++) b.failed(down);
    advance(1000);
    b.admit();
    let refused: unknown;
    try {
      b.admit();
    } catch (error) {
      refused = error;
    }
    b.failed(refused);
    expect(() => b.admit()).toThrow(/half-open/);
    b.failed(VoipError.unavailable('broker not connected', 'BROKER_DOWN'));
    b.admit();
    b.succeeded();
    expect(changes).toEqual([true, false]);
  });
});
