import type { StringMap } from 'esl';

/**
 * One FreeSWITCH event as call-manager reads it: the flat header map of a JSON event
 * (or of the CHANNEL_DATA a `connect` answers), with the channel's variables as
 * `variable_<name>` headers.
 */
export class ChannelEvent {
  readonly name: string;
  readonly uuid: string;

  constructor(readonly headers: StringMap) {
    this.name = headers['Event-Name'] ?? '';
    this.uuid = headers['Unique-ID'] ?? '';
  }

  header(name: string): string | undefined {
    return this.headers[name];
  }

  variable(name: string): string | undefined {
    return this.headers[`variable_${name}`];
  }

  /** A microsecond timestamp header (`Caller-Channel-Answered-Time`, …); 0 when unset. */
  micros(name: string): number {
    const value = Number(this.headers[name] ?? 0);
    return Number.isFinite(value) ? value : 0;
  }
}

/**
 * The events a call needs, beyond the two the esl package always subscribes
 * (CHANNEL_EXECUTE_COMPLETE and BACKGROUND_JOB). Each subscribed name costs the media
 * server an encoded event per channel, so only what a call reacts to is asked for.
 */
export const CALL_EVENTS = [
  'CHANNEL_PROGRESS',
  'CHANNEL_PROGRESS_MEDIA',
  'CHANNEL_ANSWER',
  'CHANNEL_BRIDGE',
  'CHANNEL_UNBRIDGE',
  'CHANNEL_HANGUP',
  'CHANNEL_DESTROY',
  'DTMF',
  'RECORD_START',
  'RECORD_STOP',
  'DETECTED_TONE',
] as const;

/** Every event name a leg's listener hands to its call. */
export const HANDLED_EVENTS = [...CALL_EVENTS, 'CHANNEL_EXECUTE_COMPLETE'] as const;
export type HandledEvent = (typeof HANDLED_EVENTS)[number];
