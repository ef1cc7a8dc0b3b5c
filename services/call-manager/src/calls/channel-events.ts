import { randomUUID } from 'node:crypto';
import type { ChannelEvent } from '../esl/event.js';
import type { CallEnd } from './call-end.js';
import type { CallState } from './call-state.js';
import type { FlowLoop } from './flow-loop.js';
import { absorb } from './leg.js';
import type { LiveCall } from './live-call.js';
import type { RecordingService } from './recordings.js';

/** The parts of a call its channel's events move. */
export interface EventedCall {
  state: CallState;
  flow: FlowLoop;
  end: CallEnd;
  /** The call as recordings know it. */
  live: LiveCall;
  /** The call's metaflows (Kazoo's konami), when the replica runs them. */
  metaflows?: { digit(digit: string): Promise<boolean> } | undefined;
}

/**
 * What a call's channel reports, turned into the call's state, its flow and its
 * events: ringing and answer (an outgoing call's flow starts then), bridges, digits,
 * recordings, applications completing, and the hangup. Runs on the call's queue.
 */
export class ChannelEvents {
  constructor(
    private readonly recordings: RecordingService,
    private readonly parts: EventedCall,
  ) {}

  async handle(event: ChannelEvent): Promise<void> {
    const { state, flow, end, live } = this.parts;
    if (end.isReleased) return;
    await end.channelSeen();
    switch (event.name) {
      case 'CHANNEL_EXECUTE_COMPLETE':
        return flow.appCompleted(event);
      case 'CHANNEL_PROGRESS':
      case 'CHANNEL_PROGRESS_MEDIA':
        return this.progress(event);
      case 'CHANNEL_ANSWER':
        return this.answer(event);
      case 'CHANNEL_BRIDGE':
        absorb(state.leg, event);
        state.leg.channel.bridged_to = event.header('Bridge-B-Unique-ID') ?? event.header('Other-Leg-Unique-ID') ?? '';
        state.saveChannel();
        state.publishChannel('channel_bridge');
        return;
      case 'CHANNEL_UNBRIDGE':
        state.leg.channel.bridged_to = '';
        state.saveChannel();
        return;
      case 'DTMF':
        return this.dtmf(event);
      case 'DETECTED_TONE':
        return flow.tone(event);
      case 'RECORD_START':
        return this.recordings.onRecordStart(live, event);
      case 'RECORD_STOP':
        return this.recordings.onRecordStop(live, event);
      case 'CHANNEL_HANGUP':
        return end.channelDown(event.header('Hangup-Cause') ?? event.variable('hangup_cause') ?? 'NORMAL_CLEARING', event);
      case 'CHANNEL_DESTROY':
        return end.release();
      default:
        return;
    }
  }

  private async progress(event: ChannelEvent): Promise<void> {
    const { state, flow } = this.parts;
    absorb(state.leg, event);
    if (state.leg.channel.state === 'ringing' && event.name === 'CHANNEL_PROGRESS_MEDIA') {
      state.leg.channel.state = 'early';
      state.saveChannel();
    }
    if (state.call.direction !== 'outgoing') return;
    state.setStatus('ringing');
    if (state.call.early_execution && !flow.started) await flow.start();
  }

  private async answer(event: ChannelEvent): Promise<void> {
    const { state, flow } = this.parts;
    absorb(state.leg, event);
    if (state.leg.channel.state === 'answered') return;
    state.leg.channel.state = 'answered';
    state.leg.channel.tm_answer = new Date().toISOString();
    state.saveChannel();
    state.publishChannel('channel_answer');
    state.setStatus('progressing');
    if (state.call.direction === 'outgoing' && !flow.started) await flow.start();
  }

  /** A digit: announced, offered to the call's metaflows (what they take goes no further), to a recording's end key, then to the flow (a gather collects it). */
  private async dtmf(event: ChannelEvent): Promise<void> {
    const { state, flow, live } = this.parts;
    const digit = event.header('DTMF-Digit');
    if (digit === undefined || digit === '') return;
    const duration = Math.round(Number(event.header('DTMF-Duration') ?? 0) / 8);
    state.publish('dtmf_received', { id: randomUUID(), account_id: state.call.account_id, call_id: state.call.id, digit, duration, tm_create: new Date().toISOString() }, true);
    if (await this.parts.metaflows?.digit(digit)) return;
    this.recordings.onDigit(live, digit);
    await flow.digit(digit);
  }
}
