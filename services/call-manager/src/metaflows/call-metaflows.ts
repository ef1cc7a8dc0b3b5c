import type { flowManager } from '@voxmesh/contracts';
import type { Logger } from '@voxmesh/telemetry';
import type { HeldCall } from '../calls/live-call.js';
import type { CallRegistry } from '../calls/registry.js';
import { DtmfCollector, type StartTimer } from './collector.js';
import type { KeyWaiters } from './key-waiters.js';
import { findMetaflow } from './match.js';
import { peerOf } from './peer.js';
import type { MetaflowRunner } from './runner.js';
import type { MetaflowSources } from './sources.js';

type Document = flowManager.Metaflows | undefined;

export interface CallMetaflowsDeps {
  sources: MetaflowSources;
  runner: MetaflowRunner;
  registry: CallRegistry;
  keys: KeyWaiters;
  logger: Logger;
  /** Counts the collected sequences, matched or missed. */
  count: (outcome: 'matched' | 'missed') => void;
  startTimer?: StartTimer;
}

/**
 * The metaflows listening on a call's leg, one bind per owner as konami binds them:
 * the call's own (its endpoints'), heard unless they listen on the peer only, and
 * those of the other leg, heard when they listen on the peer or both. Each bind has
 * its own state machine; a digit any of them takes is the metaflows', not the
 * flow's. The modules run on this leg, the one that pressed. Documents are read at
 * the first key press. A key a module waits for (hold's unhold key) comes first. Call
 * from the call's queue.
 */
export class CallMetaflows {
  private readonly documents = new Map<string, Promise<Document>>();
  private readonly collectors = new Map<string, DtmfCollector>();

  constructor(
    private readonly deps: CallMetaflowsDeps,
    private readonly call: HeldCall,
  ) {}

  /** A digit pressed on the call's leg: true when a metaflow took it. */
  async digit(digit: string): Promise<boolean> {
    if (this.call.call.account_id === '') return false;
    const awaited = this.deps.keys.take(this.call, digit);
    if (awaited) {
      await awaited().catch((error: unknown) => this.deps.logger.warn({ err: error, call_id: this.call.call.id }, 'metaflow key not acted on'));
      return true;
    }
    const peer = peerOf(this.call, this.deps.registry);
    const [own, other] = await Promise.all([this.documentOf(this.call), peer ? this.documentOf(peer) : undefined]);
    let taken = false;
    if (own && own.listen_on !== 'peer') taken = this.collectorOf(this.call.call.id, own).press(digit) || taken;
    if (peer && other && (other.listen_on === 'peer' || other.listen_on === 'both')) taken = this.collectorOf(peer.call.id, other).press(digit) || taken;
    return taken;
  }

  private documentOf(owner: HeldCall): Promise<Document> {
    let document = this.documents.get(owner.call.id);
    if (!document) this.documents.set(owner.call.id, (document = this.deps.sources.forCall(owner.call)));
    return document;
  }

  private collectorOf(ownerCallId: string, document: flowManager.Metaflows): DtmfCollector {
    let collector = this.collectors.get(ownerCallId);
    if (!collector) {
      collector = new DtmfCollector({
        bindingDigit: document.binding_digit ?? '*',
        timeoutMs: document.digit_timeout_ms ?? document.digit_timeout ?? 800,
        onCollected: (collected) => this.call.enqueue('metaflow', () => this.collected(document, collected)),
        ...(this.deps.startTimer ? { startTimer: this.deps.startTimer } : {}),
      });
      this.collectors.set(ownerCallId, collector);
    }
    return collector;
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
