import { EventEmitter } from 'node:events';
import type { SimClock } from '../clock.js';

export type WaitResult = { outcome: 'timeout' } | { outcome: 'hangup' } | { outcome: 'break' } | { outcome: 'digit'; digit: string };

export interface WaitOptions {
  /** uuid_break ends the wait. */
  breakable?: boolean;
  /** A DTMF digit ends the wait; the digit is taken from the channel and returned. */
  digits?: boolean;
}

/**
 * What wakes a session's waits: its hangup, uuid_break, the caller's digits (the
 * channel's DTMF queue) and new messages for its message loop.
 */
export class SessionSignals {
  private readonly emitter = new EventEmitter();
  private readonly dtmf: string[] = [];
  private idle = false;

  constructor(private readonly clock: SimClock) {
    this.emitter.setMaxListeners(0);
  }

  hungUp(): void {
    this.emitter.emit('hangup');
    this.wake();
  }

  /** uuid_break: the current breakable media stops. */
  breakMedia(): void {
    this.emitter.emit('break');
  }

  /** Something for the message loop: a message, the end of what it waits for, its controller gone. */
  wake(): void {
    this.emitter.emit('wake');
  }

  nextWake(): Promise<void> {
    return new Promise<void>((resolve) => this.emitter.once('wake', resolve));
  }

  /** The park loop with nothing to run reads digits and drops them. */
  async idleUntilWake(): Promise<void> {
    this.idle = true;
    this.dtmf.length = 0;
    await this.nextWake();
    this.idle = false;
  }

  /** A digit into the channel's DTMF queue, unless the park loop is idle. */
  digit(digit: string): void {
    if (this.idle) return;
    this.dtmf.push(digit);
    this.emitter.emit('dtmf');
  }

  flushDtmf(): void {
    this.dtmf.length = 0;
  }

  /**
   * Waits `ms` simulated milliseconds (Infinity for ever), ending early on hangup,
   * on uuid_break when breakable, and on a DTMF digit when asked for digits.
   */
  wait(ms: number, options: WaitOptions): Promise<WaitResult> {
    if (options.digits) {
      const queued = this.dtmf.shift();
      if (queued !== undefined) return Promise.resolve({ outcome: 'digit', digit: queued });
    }
    return new Promise((resolve) => {
      const cleanups: (() => void)[] = [];
      const finish = (result: WaitResult) => {
        for (const cleanup of cleanups) cleanup();
        resolve(result);
      };
      const on = (signal: string, handler: () => void) => {
        this.emitter.on(signal, handler);
        cleanups.push(() => this.emitter.off(signal, handler));
      };
      if (Number.isFinite(ms)) cleanups.push(this.clock.schedule(ms, () => finish({ outcome: 'timeout' })));
      on('hangup', () => finish({ outcome: 'hangup' }));
      if (options.breakable) on('break', () => finish({ outcome: 'break' }));
      if (options.digits) {
        on('dtmf', () => {
          const digit = this.dtmf.shift();
          if (digit !== undefined) finish({ outcome: 'digit', digit });
        });
      }
    });
  }
}
