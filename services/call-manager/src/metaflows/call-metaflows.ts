import type { flowManager } from '@voxmesh/contracts';
import type { Logger } from '@voxmesh/telemetry';
import type { HeldCall } from '../calls/live-call.js';
import { DtmfCollector, type StartTimer } from './collector.js';
import { findMetaflow } from './match.js';
import type { MetaflowRunner } from './runner.js';
import type { MetaflowSources } from './sources.js';

export interface CallMetaflowsDeps {
  sources: MetaflowSources;
  runner: MetaflowRunner;
  logger: Logger;
  /** Counts the collected sequences, matched or missed. */
  count: (outcome: 'matched' | 'missed') => void;
  startTimer?: StartTimer;
}

/**
 * A call's metaflows, on its own leg: the documents are read at the first key press
 * (what the call has then), and each digit goes to konami's state machine; the digits
 * it takes (the binding digit and those after it) are the metaflow's, not the flow's.
 * With `listen_on: peer` the owner's own presses are left to the flow. Call from the
 * call's queue.
 */
export class CallMetaflows {
  private document: Promise<flowManager.Metaflows | undefined> | undefined;
  private collector: DtmfCollector | undefined;

  constructor(
    private readonly deps: CallMetaflowsDeps,
    private readonly call: HeldCall,
  ) {}

  /** A digit pressed on the call's leg: true when a metaflow took it. */
  async digit(digit: string): Promise<boolean> {
    if (this.call.call.account_id === '') return false;
    this.document ??= this.deps.sources.forCall(this.call.call);
    const document = await this.document;
    if (!document || document.listen_on === 'peer') return false;
    this.collector ??= new DtmfCollector({
      bindingDigit: document.binding_digit ?? '*',
      timeoutMs: document.digit_timeout_ms ?? 800,
      onCollected: (collected) => this.call.enqueue('metaflow', () => this.collected(document, collected)),
      ...(this.deps.startTimer ? { startTimer: this.deps.startTimer } : {}),
    });
    return this.collector.press(digit);
  }

  stop(): void {
    this.collector?.stop();
  }

  private async collected(document: flowManager.Metaflows, collected: string): Promise<void> {
    if (this.call.ending) return;
    const hit = findMetaflow(document, collected, this.call.call.channel_id);
    if (!hit) {
      this.deps.count('missed');
      this.deps.logger.debug({ call_id: this.call.call.id, collected }, 'no metaflow for the digits');
      return;
    }
    this.deps.count('matched');
    this.deps.logger.info({ call_id: this.call.call.id, collected, module: hit.node.module }, 'metaflow');
    try {
      await this.deps.runner.run(this.call, { ...hit.node, data: hit.data });
    } catch (error) {
      this.deps.logger.warn({ err: error, call_id: this.call.call.id, module: hit.node.module }, 'metaflow failed');
    }
  }
}
