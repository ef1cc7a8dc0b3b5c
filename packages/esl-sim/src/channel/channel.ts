import type { Header } from '../protocol/event.js';
import type { HangupCause } from './hangup-causes.js';
import { stateNumber, type AnswerState, type CallState, type ChannelState, type Direction } from './states.js';

/** `switch_caller_profile_t`: who called whom, as the `Caller-*` headers carry it. */
export interface CallerProfile {
  username: string;
  dialplan: string;
  callerIdName: string;
  callerIdNumber: string;
  origCallerIdName?: string;
  origCallerIdNumber?: string;
  calleeIdName?: string;
  calleeIdNumber?: string;
  networkAddr: string;
  ani: string;
  destinationNumber: string;
  source: string;
  context: string;
}

/** The channel's timestamps in microseconds; 0 until the step happens. */
export interface ChannelTimes {
  profileCreated: number;
  created: number;
  answered: number;
  progress: number;
  progressMedia: number;
  hangup: number;
  transfer: number;
  resurrect: number;
  bridged: number;
  lastHold: number;
  holdAccum: number;
}

export interface ApplicationRecord {
  name: string;
  arg: string;
  response: string | null;
  application_uuid: string;
}

export interface ApiRecord {
  command: string;
  arg: string;
  reply: string;
}

export interface RecordingRecord {
  path: string;
  started_at: string;
  stopped_at: string | null;
  ms: number | null;
}

/** A unicast stream of the channel's audio (sendmsg unicast). */
export interface UnicastRecord {
  local: string;
  remote: string;
  transport: string;
  /** Streaming now; it stops when the next application ends or the call hangs up. */
  active: boolean;
  /** Why it never started (its local port taken). */
  error: string | null;
}

/**
 * One `eavesdrop` the channel ran (switch_ivr_eavesdrop_session): on whom, and where the
 * eavesdropper's own voice goes now. `mux_write` (ED_MUX_WRITE): the eavesdropped channel
 * hears it; `mux_read` (ED_MUX_READ): the party that channel talks to hears it; neither:
 * listening only.
 */
export interface EavesdropRecord {
  target: string;
  mux_read: boolean;
  mux_write: boolean;
  /** Digits change the mode (0 listen, 1 the other party, 2 the target, 3 both; * ends). */
  dtmf: boolean;
  active: boolean;
}

/** What the control API reports of a call, beyond what the channel itself holds. */
export interface CallHistory {
  eavesdrops: EavesdropRecord[];
  unicasts: UnicastRecord[];
  applications: ApplicationRecord[];
  apis: ApiRecord[];
  events: string[];
  dtmfReceived: string;
  dtmfSent: string;
  recordings: RecordingRecord[];
}

/**
 * Events that carry the channel's variables (`switch_channel_event_set_extended_data`);
 * the others carry only the basic channel data unless `verbose_events` is set.
 */
const VERBOSE_EVENTS = new Set([
  'CHANNEL_CREATE', 'CHANNEL_ORIGINATE', 'CHANNEL_UUID', 'CHANNEL_ANSWER', 'CHANNEL_PARK', 'CHANNEL_UNPARK',
  'CHANNEL_BRIDGE', 'CHANNEL_UNBRIDGE', 'CHANNEL_PROGRESS', 'CHANNEL_PROGRESS_MEDIA', 'CHANNEL_HANGUP',
  'CHANNEL_HANGUP_COMPLETE', 'REQUEST_PARAMS', 'CHANNEL_DATA', 'CHANNEL_EXECUTE', 'CHANNEL_EXECUTE_COMPLETE',
  'CHANNEL_DESTROY', 'SESSION_HEARTBEAT', 'API', 'RECORD_START', 'RECORD_STOP', 'PLAYBACK_START',
  'PLAYBACK_STOP', 'CALL_UPDATE', 'MEDIA_BUG_START', 'MEDIA_BUG_STOP', 'CHANNEL_HOLD', 'CHANNEL_UNHOLD', 'CUSTOM',
]);

export interface ChannelInit {
  uuid: string;
  direction: Direction;
  name: string;
  profile: CallerProfile;
  createdMicros: number;
  /** Whether the channel runs the dialplan (`Channel-HIT-Dialplan`). */
  hitDialplan: boolean;
}

/**
 * A channel's data: its states, caller profile, variables and links, and the header
 * blocks FreeSWITCH puts on its events. Behaviour lives in Session.
 */
export class Channel {
  readonly uuid: string;
  readonly direction: Direction;
  name: string;
  readonly profile: CallerProfile;
  readonly times: ChannelTimes;
  readonly hitDialplan: boolean;
  state: ChannelState = 'CS_NEW';
  callState: CallState = 'DOWN';
  answerState: AnswerState = 'ringing';
  hangupCause: HangupCause | undefined;
  readonly variables = new Map<string, string>();
  /** The linked leg (`Other-Leg-*`): the channel that originated this one, or that it originated or is bridged to. */
  otherLeg: { type: 'originator' | 'originatee'; channel: Channel } | undefined;
  bridgedTo: Channel | undefined;
  readonly history: CallHistory = { applications: [], apis: [], events: [], dtmfReceived: '', dtmfSent: '', recordings: [], unicasts: [], eavesdrops: [] };
  /** Dial strings `conference_set_auto_outcall` queued: the conference it joins next calls them. */
  readonly autoOutcalls: string[] = [];
  /** Taken by `intercept` (CF_INTERCEPTED): the originate it runs gives up without failing the call. */
  intercepted = false;

  constructor(init: ChannelInit) {
    this.uuid = init.uuid;
    this.direction = init.direction;
    this.name = init.name;
    this.profile = init.profile;
    this.hitDialplan = init.hitDialplan;
    this.times = {
      profileCreated: init.createdMicros,
      created: init.createdMicros,
      answered: 0,
      progress: 0,
      progressMedia: 0,
      hangup: 0,
      transfer: 0,
      resurrect: 0,
      bridged: 0,
      lastHold: 0,
      holdAccum: 0,
    };
  }

  get answered(): boolean {
    return this.times.answered !== 0;
  }

  /** Up: not yet hung up (`switch_channel_up`). */
  get up(): boolean {
    return this.hangupCause === undefined;
  }

  getVariable(name: string): string | undefined {
    return this.variables.get(name);
  }

  /** Setting a variable to undefined or '' unsets it, as `set var=` does. */
  setVariable(name: string, value: string | undefined): void {
    if (value === undefined || value === '') this.variables.delete(name);
    else this.variables.set(name, value);
  }

  /** `Caller-*`, `Other-Leg-*` or `Channel-*` headers for a channel's profile. */
  profileHeaders(prefix: string, of: Channel = this): Header[] {
    const p = of.profile;
    const t = of.times;
    const headers: Header[] = [
      [`${prefix}-Direction`, of.direction],
      [`${prefix}-Logical-Direction`, of.direction],
      [`${prefix}-Username`, p.username],
      [`${prefix}-Dialplan`, p.dialplan],
      [`${prefix}-Caller-ID-Name`, p.callerIdName],
      [`${prefix}-Caller-ID-Number`, p.callerIdNumber],
    ];
    if (p.origCallerIdName) headers.push([`${prefix}-Orig-Caller-ID-Name`, p.origCallerIdName]);
    if (p.origCallerIdNumber) headers.push([`${prefix}-Orig-Caller-ID-Number`, p.origCallerIdNumber]);
    if (p.calleeIdName) headers.push([`${prefix}-Callee-ID-Name`, p.calleeIdName]);
    if (p.calleeIdNumber) headers.push([`${prefix}-Callee-ID-Number`, p.calleeIdNumber]);
    headers.push(
      [`${prefix}-Network-Addr`, p.networkAddr],
      [`${prefix}-ANI`, p.ani],
      [`${prefix}-Destination-Number`, p.destinationNumber],
      [`${prefix}-Unique-ID`, of.uuid],
      [`${prefix}-Source`, p.source],
      [`${prefix}-Context`, p.context],
      [`${prefix}-Channel-Name`, of.name],
      [`${prefix}-Profile-Index`, '1'],
      [`${prefix}-Profile-Created-Time`, String(t.profileCreated)],
      [`${prefix}-Channel-Created-Time`, String(t.created)],
      [`${prefix}-Channel-Answered-Time`, String(t.answered)],
      [`${prefix}-Channel-Progress-Time`, String(t.progress)],
      [`${prefix}-Channel-Progress-Media-Time`, String(t.progressMedia)],
      [`${prefix}-Channel-Hangup-Time`, String(t.hangup)],
      [`${prefix}-Channel-Transfer-Time`, String(t.transfer)],
      [`${prefix}-Channel-Resurrect-Time`, String(t.resurrect)],
      [`${prefix}-Channel-Bridged-Time`, String(t.bridged)],
      [`${prefix}-Channel-Last-Hold`, String(t.lastHold)],
      [`${prefix}-Channel-Hold-Accum`, String(t.holdAccum)],
      [`${prefix}-Screen-Bit`, 'true'],
      [`${prefix}-Privacy-Hide-Name`, 'false'],
      [`${prefix}-Privacy-Hide-Number`, 'false'],
    );
    return headers;
  }

  /** `switch_channel_event_set_data`: the channel block every channel event carries. */
  eventHeaders(eventName: string): Header[] {
    const headers: Header[] = [
      ['Channel-State', this.state],
      ['Channel-Call-State', this.callState],
      ['Channel-State-Number', String(stateNumber(this.state))],
      ['Channel-Name', this.name],
      ['Unique-ID', this.uuid],
      ['Call-Direction', this.direction],
      ['Presence-Call-Direction', this.direction],
      ['Channel-HIT-Dialplan', this.hitDialplan ? 'true' : 'false'],
      ['Channel-Call-UUID', this.variables.get('call_uuid') ?? this.uuid],
      ['Answer-State', this.answerState],
    ];
    if (this.hangupCause !== undefined) headers.push(['Hangup-Cause', this.hangupCause]);
    headers.push(
      ['Channel-Read-Codec-Name', 'PCMU'],
      ['Channel-Read-Codec-Rate', '8000'],
      ['Channel-Read-Codec-Bit-Rate', '64000'],
      ['Channel-Write-Codec-Name', 'PCMU'],
      ['Channel-Write-Codec-Rate', '8000'],
      ['Channel-Write-Codec-Bit-Rate', '64000'],
      ...this.profileHeaders('Caller'),
    );
    if (this.otherLeg) {
      headers.push(['Other-Type', this.otherLeg.type], ...this.profileHeaders('Other-Leg', this.otherLeg.channel));
    }
    if (VERBOSE_EVENTS.has(eventName) || this.variables.get('verbose_events') === 'true') {
      for (const [name, value] of this.variables) headers.push([`variable_${name}`, value]);
    }
    return headers;
  }

  /** The connect reply's channel block: the profile as `Channel-*`, then the event data. */
  channelDataHeaders(): Header[] {
    return [...this.profileHeaders('Channel'), ...this.eventHeaders('CHANNEL_DATA')];
  }
}
