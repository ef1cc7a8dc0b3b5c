import type { Logger } from '@voxmesh/telemetry';
import type { ActionOf, ActionType, HangupReason, MediaActionType } from '../contract.js';
import type { CallManagerSettings } from '../config.js';
import type { ChannelEvent } from '../esl/event.js';
import type { ConfbridgeService } from '../calls/confbridges.js';
import type { CarrierDirectory } from '../calls/carriers.js';
import type { ConferenceRooms } from '../calls/conference-rooms.js';
import type { EndpointDirectory } from '../calls/endpoint-directory.js';
import type { ExtensionTargets } from '../calls/extension-targets.js';
import type { VoicemailBoxes } from '../calls/voicemail-boxes.js';
import type { MediaLibrary } from '../calls/media-library.js';
import type { FaxInbox } from '../calls/fax-inbox.js';
import type { FaxDocuments } from '../calls/fax-documents.js';
import type { LiveCall } from '../calls/live-call.js';
import type { RecordingService } from '../calls/recordings.js';
import type { CallRepository } from '../db/repositories.js';
import type { CallRegistry } from '../calls/registry.js';
import type { ModuleLookup, OptionalModule } from '../esl/modules.js';

/** What the action handlers share, built once in the composition root. */
export interface ActionDeps {
  settings: CallManagerSettings;
  calls: CallRepository;
  recordings: RecordingService;
  confbridges: ConfbridgeService;
  /** Devices and users to ring (or whose calls a feature looks at), looked up in customer-manager. */
  endpoints: Pick<EndpointDirectory, 'resolve' | 'devices'>;
  /** Who a feature code's extension reaches (its callflow's ringing targets). */
  extensions: Pick<ExtensionTargets, 'of'>;
  /** Pre-defined conferences. */
  conferences: Pick<ConferenceRooms, 'get'>;
  /** Carriers a number can go out through. */
  carriers: Pick<CarrierDirectory, 'legs'>;
  /** Received faxes, kept in the account's inbox. */
  faxes: Pick<FaxInbox, 'store'>;
  /** Documents outbound faxes send, fetched where the media server reads them. */
  faxDocuments: Pick<FaxDocuments, 'fetch'>;
  /** Kazoo media ids to what the media server plays. */
  media: Pick<MediaLibrary, 'playable'>;
  /** Voicemail boxes: read, messages stored, owners' phones told. */
  voicemail: Pick<VoicemailBoxes, 'box' | 'store' | 'notifyOwner' | 'messages' | 'move' | 'remove'>;
  registry: CallRegistry;
  /** Which FreeSWITCH modules each media server has. */
  modules: ModuleLookup;
  logger: Logger;
}

/**
 * One run of one action on a call: what a handler may do. An action is done when it
 * says so (`complete`), or, unless its handler is `manual`, when every application it
 * started has sent its CHANNEL_EXECUTE_COMPLETE.
 */
export interface ActionRun<T extends ActionType> {
  readonly action: ActionOf<T>;
  readonly live: LiveCall;
  readonly deps: ActionDeps;
  /** The handler's own notes about this run (a recording's path, a result). */
  readonly state: Record<string, unknown>;
  /**
   * Queues an application on the channel; the action waits for it unless `wait` is
   * false. `onComplete` hears its CHANNEL_EXECUTE_COMPLETE even after the action ended
   * (an asynchronous answering-machine detection).
   */
  execute(app: string, arg?: string, options?: { wait?: boolean; onComplete?: (event: ChannelEvent) => Promise<void> }): Promise<string>;
  /** An API command on the channel's media server. */
  api(command: string): Promise<string>;
  /** The action is done: the call asks for the next one. */
  complete(): Promise<void>;
  /** The action cannot run here: the reason is recorded on the call and the flow goes on. */
  refuse(reason: string, message: string): Promise<void>;
  /** Something went wrong that does not end the action (media not played, a voice fallen back): recorded on the call. */
  recordError(reason: string, message: string): void;
  /** Whether the call's media server has the module; undefined when it is not known. */
  hasModule(module: OptionalModule): boolean | undefined;
  hangup(reason: Exclude<HangupReason, ''>, options?: { cause?: string }): Promise<void>;
  /** Sends call-manager a delayed `action-timeout` for this run, `ms` from now. */
  timeoutAfter(ms: number): Promise<void>;
  /** Sets activeflow variables (`voipbin.call.digits`, …). */
  setVariables(variables: Record<string, string>): Promise<void>;
  /** DTMF collected for the call and not yet consumed; `take` empties it. */
  digits(take?: boolean): string;
  /** Is this run still the call's current action and not done? */
  readonly active: boolean;
}

export interface ActionHandler<T extends ActionType> {
  /** Completes only through `complete()`, not when its applications do. */
  readonly manual?: boolean;
  start(run: ActionRun<T>): Promise<void>;
  /** One of the run's applications completed (its event carries the response and variables). */
  onAppComplete?(run: ActionRun<T>, event: ChannelEvent): Promise<void>;
  /** A DTMF digit, after it was added to the call's digits. */
  onDigit?(run: ActionRun<T>, digit: string): Promise<void>;
  /** The media server heard a tone on the channel (DETECTED_TONE: a fax's). */
  onTone?(run: ActionRun<T>, event: ChannelEvent): Promise<void>;
  /** The run's timeout came while it was still running; without a handler the media stops and the action completes. */
  onTimeout?(run: ActionRun<T>): Promise<void>;
  /** The run is cut short (a forced action-next): undo what the media stop does not (leave a conference). */
  onInterrupt?(run: ActionRun<T>): Promise<void>;
  /**
   * Cut short, its applications must have ended before the next action starts (echo runs
   * what is queued for the channel inside itself, so an application sent behind the break
   * would run nested and echo would go on).
   */
  readonly drainBeforeNext?: boolean;
}

/**
 * The handlers of the types the catalog says the media layer runs: one per type, no
 * more, so a media entry without its handler here does not build.
 */
export type MediaActionHandlers = { [T in MediaActionType]: ActionHandler<T> };

/** The call's lookup: every type, flow-manager's own refused in one place. */
export type ActionHandlers = { [T in ActionType]: ActionHandler<T> };
