/** Starts a timer; the returned function cancels it. */
export type StartTimer = (ms: number, fire: () => void) => () => void;

export const nodeTimer: StartTimer = (ms, fire) => {
  const timer = setTimeout(fire, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export interface CollectorOptions {
  bindingDigit: string;
  /** Milliseconds allowed between key presses. */
  timeoutMs: number;
  /** The timeout fired: the digits pressed after the binding digit. */
  onCollected: (collected: string) => void;
  startTimer?: StartTimer;
}

/**
 * One leg's key presses, as konami's state machine reads them: unarmed, only the
 * binding digit counts (it arms, and is not recorded); armed, every digit is kept and
 * restarts the inter-digit timer; when the timer fires the digits are handed over and
 * the leg is unarmed again. There is no terminator and no maximum length.
 */
export class DtmfCollector {
  private armed = false;
  private buffer = '';
  private cancelTimer: (() => void) | undefined;

  constructor(private readonly options: CollectorOptions) {}

  /** A digit pressed on the leg: true when it belongs to a metaflow (and must not reach the flow). */
  press(digit: string): boolean {
    if (!this.armed) {
      if (digit !== this.options.bindingDigit) return false;
      this.armed = true;
      this.buffer = '';
    } else {
      this.buffer += digit;
    }
    this.restartTimer();
    return true;
  }

  /** The leg is gone: nothing fires any more. */
  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.armed = false;
    this.buffer = '';
  }

  private restartTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = (this.options.startTimer ?? nodeTimer)(this.options.timeoutMs, () => {
      this.cancelTimer = undefined;
      const collected = this.buffer;
      this.armed = false;
      this.buffer = '';
      this.options.onCollected(collected);
    });
  }
}
