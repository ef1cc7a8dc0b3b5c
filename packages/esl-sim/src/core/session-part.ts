import type { Channel } from '../channel/channel.js';
import type { Header } from '../protocol/event.js';
import type { EventOrigin } from './event-bus.js';

/** What the parts of a session (its call progress, its recordings) use of it: the channel and its events. */
export interface FiringSession {
  readonly channel: Channel;
  readonly up: boolean;
  fire(name: string, extra?: readonly Header[], options?: { origin?: EventOrigin }): void;
}

/** Where FreeSWITCH fires an event, for its Event-Calling-* headers. */
export const origin = (file: string, func: string, line: number): EventOrigin => ({ file, func, line });
