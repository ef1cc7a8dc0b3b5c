import type { Call, HangupReason } from '../contract.js';
import type { ChannelEvent } from '../esl/event.js';
import type { LegLink } from '../esl/leg-link.js';
import type { CallEventData, CallEventType } from './call-state.js';
import type { RecordingUpload } from './recording-upload.js';
import type { LegFacts } from './leg.js';

export interface RecordingOptions {
  format: 'wav' | 'mp3';
  /** Seconds after which the media server stops it by itself. */
  limitSeconds?: number | undefined;
  /** A key that stops it when pressed. */
  endOfKey?: string | undefined;
  /** Where the finished file is sent. */
  upload?: RecordingUpload | undefined;
  /** A recording shorter than this is discarded: not kept, not sent (FreeSWITCH's RECORD_MIN_SEC). */
  minSeconds?: number | undefined;
  /** The file name asked for (Kazoo's `media_name`) and a label, kept on the recording. */
  name?: string | undefined;
  label?: string | undefined;
}

/** What a caller may be made to hear by `talk`: the text and how to speak it. */
export type Speech = {
  text: string;
  provider?: string | undefined;
  voice_id?: string | undefined;
  language?: string | undefined;
  gender?: string | undefined;
};

/**
 * Live control of a call's channel: what an RPC (or a confbridge) may do to the media
 * while the flow runs. Each sends its command to the media server and resolves once
 * the media server took it (a refusal rejects with EslCommandError). Call from the
 * call's queue.
 */
export interface CallControl {
  /** Stops the media playing on the channel; `all` also drops what is queued. */
  breakMedia(all: boolean): Promise<void>;
  talk(speech: Speech): Promise<void>;
  play(urls: readonly string[]): Promise<void>;
  sendDigits(digits: string, duration?: number): Promise<void>;
  /** Starts a recording of the call; a call already recording is a conflict. */
  startRecording(options: RecordingOptions): Promise<void>;
  /** Stops the call's recording; a call not recording is a conflict. */
  stopRecording(): Promise<void>;
  hold(): Promise<void>;
  unhold(): Promise<void>;
  /** `in` mutes what the caller says, `out` what the caller hears. */
  mute(direction: 'in' | 'out' | 'both'): Promise<void>;
  unmute(): Promise<void>;
  /** Whoever stays when the other side of a bridge leaves is parked, not hung up: its flow goes on. */
  parkAfterBridge(): Promise<void>;
  /** Answers the channel now, whatever it runs (a caller that only heard ringing). */
  answer(): Promise<void>;
  /** Bridges this call's channel to `other`'s (the same media server's). */
  bridgeTo(other: LiveCall): Promise<void>;
  /** Takes the channel out of a FreeSWITCH conference it is in (none: nothing to do). */
  leaveConference(name: string): Promise<void>;
  /** Hangs the channel up: at once, or (`afterMedia`) as an application queued behind what it runs. */
  hangup(cause: string, options: { afterMedia: boolean }): Promise<void>;
}

/**
 * A call held by this replica, as the parts around it (confbridges, recordings, the
 * actions) may use it. Everything that changes the call goes through its queue, one
 * piece at a time.
 */
export interface LiveCall {
  readonly call: Readonly<Call>;
  readonly link: LegLink;
  readonly control: CallControl;
  readonly answered: boolean;
  /** True once the channel is down or going down. */
  readonly ending: boolean;
  /** Runs `work` on the call's queue, after what is already queued. */
  enqueue(what: string, work: () => Promise<void>): void;
  /** As `enqueue`, for callers that wait for the result. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Changes the call, saves it and publishes `call_updated`. Call from the queue. */
  update(change: (call: Call) => void): void;
  /** Changes the call and saves it, announcing nothing. Call from the queue. */
  amend(change: (call: Call) => void): void;
  /** Publishes one of the call's events, in order with the others; `fresh` data was made for the event (no copy needed). */
  publish<K extends CallEventType>(type: K, data: CallEventData<K>, fresh?: boolean): void;
  /** Hangs the call up (terminating or canceling, then hangup when the channel is down). Call from the queue. */
  requestHangup(reason: Exclude<HangupReason, ''>, options?: { cause?: string; viaApp?: boolean }): Promise<void>;
  /** Ends the current action if it is `actionId` (or any, when left out) and asks for the next. Call from the queue. */
  finishAction(actionId?: string): Promise<void>;
  /** Stops the media playing on the channel (`all` also drops what is queued). */
  breakMedia(all: boolean): Promise<void>;
}

/**
 * A call as call-manager's own parts see it in the registry: the live call, its
 * channel, and what its events, the RPCs about its flow and its end ask of it.
 */
export interface HeldCall extends LiveCall {
  readonly leg: Readonly<LegFacts>;
  /** The media server's Core-UUID when the channel was made. */
  readonly coreUuid: string;
  /** True once the channel is down. */
  readonly over: boolean;
  /** True once the call left this replica. */
  readonly isReleased: boolean;
  /** Resolves once the channel can no longer be heard from and the call is let go. */
  readonly gone: Promise<void>;
  /** Resolves once every event published so far has reached the broker. */
  published(): Promise<void>;
  /** One of the channel's events: queued behind the call's other work. */
  onEvent(event: ChannelEvent): void;
  /** The channel can no longer be heard from; the call leaves this replica. Call from the queue. */
  release(): Promise<void>;
  /** `action-next`: moves on now (forced: stops the media first). Call from the queue. */
  actionNext(force: boolean): Promise<void>;
  /** A delayed `action-timeout`: true when it named the running action. Call from the queue. */
  actionTimeout(actionId: string, tmExecute: string): Promise<boolean>;
  /** The activeflow ended without the call: the call hangs up. Call from the queue. */
  activeflowEnded(): Promise<void>;
}
