import { randomUUID } from 'node:crypto';
import { VoipError } from '@voxmesh/wire';
import { speakFor } from '../actions/talk.js';
import * as fs from '../esl/commands.js';
import type { LegLink } from '../esl/leg-link.js';
import type { CallState } from './call-state.js';
import type { CallControl, LiveCall, RecordingOptions, Speech } from './live-call.js';
import type { RecordingService } from './recordings.js';

export interface LiveControlDeps {
  recordings: RecordingService;
  /** speak's engine when a talk names no provider. */
  ttsEngine: string;
}

/**
 * Live control of one call's channel, beside its flow: the media-server commands for
 * what an RPC asks (talk, play, digits, recording, hold, mute, hangup) and for what a
 * confbridge does to its legs. The commands are spelt by esl/commands; the call's
 * state follows what the media server took.
 */
export class LiveControl implements CallControl {
  constructor(
    private readonly deps: LiveControlDeps,
    private readonly state: CallState,
    private readonly link: LegLink,
    /** The call as recordings know it. */
    private readonly live: LiveCall,
  ) {}

  private get channel(): string {
    return this.state.call.channel_id;
  }

  async breakMedia(all: boolean): Promise<void> {
    await this.link.api(fs.breakMedia(this.channel, all));
  }

  async talk(speech: Speech): Promise<void> {
    const spoken = speakFor(speech, this.deps.ttsEngine);
    await this.link.api(fs.broadcast(this.channel, fs.speakPath(spoken.argument)));
    if (spoken.fallback !== undefined) this.state.update(() => this.state.recordError('', 'talk', 'TTS_VOICE_FALLBACK', spoken.fallback!));
  }

  async play(urls: readonly string[]): Promise<void> {
    for (const url of urls) await this.link.api(fs.broadcast(this.channel, url));
  }

  async sendDigits(digits: string, duration?: number): Promise<void> {
    await this.link.api(fs.sendDtmf(this.channel, digits, duration));
  }

  async startRecording(options: RecordingOptions): Promise<void> {
    const { recordings } = this.deps;
    if (recordings.activeOf(this.live)) throw VoipError.conflict(`call ${this.state.call.id} is already recording`, 'ALREADY_RECORDING');
    // The switch reads RECORD_MIN_SEC when the media bug starts (switch_ivr_record_session_event).
    if (options.minSeconds !== undefined && options.minSeconds > 0) await this.link.api(fs.setVariable(this.channel, 'RECORD_MIN_SEC', String(options.minSeconds)));
    // uuid_record, not the record_session application: it starts now, whatever the call plays.
    await recordings.begin(this.live, options, (path) => this.link.api(fs.recordStart(this.channel, path, options.limitSeconds)));
  }

  async stopRecording(): Promise<void> {
    const stopped = await this.deps.recordings.stop(this.live, (path) => this.link.api(fs.recordStop(this.channel, path)));
    if (!stopped) throw VoipError.conflict(`call ${this.state.call.id} is not recording`, 'NOT_RECORDING');
  }

  async hold(): Promise<void> {
    await this.link.api(fs.hold(this.channel));
    this.state.update((call) => (call.hold = true));
  }

  async unhold(): Promise<void> {
    await this.link.api(fs.unhold(this.channel));
    this.state.update((call) => (call.hold = false));
  }

  async mute(direction: 'in' | 'out' | 'both'): Promise<void> {
    if (direction !== 'out') await this.link.api(fs.mute(this.channel, 'read'));
    if (direction !== 'in') await this.link.api(fs.mute(this.channel, 'write'));
    this.state.update((call) => (call.mute_direction = direction));
  }

  async unmute(): Promise<void> {
    await this.link.api(fs.unmute(this.channel));
    this.state.update((call) => (call.mute_direction = ''));
  }

  async parkAfterBridge(): Promise<void> {
    await this.link.api(fs.setVariable(this.channel, 'park_after_bridge', 'true'));
  }

  async answer(): Promise<void> {
    await this.link.api(fs.answer(this.channel));
  }

  async bridgeTo(other: LiveCall): Promise<void> {
    const otherChannel = other.call.channel_id;
    await this.link.api(fs.bridge(otherChannel, this.channel));
    this.state.leg.channel.bridged_to = otherChannel;
    this.state.leg.otherLegId = otherChannel;
    this.state.saveChannel();
  }

  async leaveConference(name: string): Promise<void> {
    const member = fs.conferenceMember(await this.link.api(fs.conferenceList(name)), this.channel);
    if (member) await this.link.api(fs.conferenceKick(name, member));
  }

  async hangup(cause: string, options: { afterMedia: boolean }): Promise<void> {
    if (options.afterMedia) await this.link.execute('hangup', cause, randomUUID());
    else await this.link.hangup(cause);
  }
}
