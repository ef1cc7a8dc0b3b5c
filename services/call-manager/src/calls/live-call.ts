import type { Call, HangupReason } from '../contract.js';
import type { LegLink } from '../esl/leg-link.js';

/**
 * A call held by this replica, as the parts around it (confbridges, recordings, the
 * RPC handlers, the actions) may use it. Everything that changes the call goes
 * through its queue, one piece at a time.
 */
export interface LiveCall {
  readonly call: Readonly<Call>;
  readonly link: LegLink;
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
  publish(type: string, data: unknown, fresh?: boolean): void;
  /** Hangs the call up (terminating or canceling, then hangup when the channel is down). Call from the queue. */
  requestHangup(reason: Exclude<HangupReason, ''>, options?: { cause?: string; viaApp?: boolean }): Promise<void>;
  /** Ends the current action if it is `actionId` (or any, when left out) and asks for the next. Call from the queue. */
  finishAction(actionId?: string): Promise<void>;
  /** Stops the media playing on the channel (`uuid_break`, `all` also drops what is queued). */
  breakMedia(all: boolean): Promise<void>;
}
