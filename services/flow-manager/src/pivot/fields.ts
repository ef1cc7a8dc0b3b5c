import { emptyRecord } from '@voxmesh/wire';
import type { FormValue } from '../actions/types.js';
import type { ActiveflowState } from '../domain/model.js';

/** The prefix collect_dtmf keeps its named collections under. */
export const COLLECTED = 'kazoo.collected.';
/** The prefix TwiML's `<Set>` / `<Variable>` keep their values under; they go back in every TwiML request. */
export const TWIML_VARIABLE = 'twiml.variable.';
/** Where a recording made for Pivot is reported (the media layer fills these in). */
export const RECORDING_URL = 'voipbin.recording.url';
export const RECORDING_DURATION = 'voipbin.recording.duration';
export const RECORDING_ID = 'voipbin.recording.id';
/** What the last TwiML `<Dial>` came to, for its `action`. */
export const DIAL_STATUS = 'twiml.dial.status';
export const DIAL_CALL_ID = 'twiml.dial.call_id';
export const DIAL_DURATION = 'twiml.dial.duration';

/**
 * Twilio's DialCallStatus for the bridge's outcome (SUCCESS or the hangup cause nobody
 * answered with): completed, busy, no-answer, canceled or failed.
 */
function dialCallStatus(result: string): string {
  if (result === '') return '';
  if (result === 'SUCCESS') return 'completed';
  if (result === 'USER_BUSY') return 'busy';
  if (['NO_ANSWER', 'NO_USER_RESPONSE', 'ALLOTTED_TIMEOUT', 'PROGRESS_TIMEOUT'].includes(result)) return 'no-answer';
  if (result === 'ORIGINATOR_CANCEL') return 'canceled';
  return 'failed';
}

/** Twilio's API version as its requests name it; Kazoo says its own major version. */
const TWILIO_API_VERSION = '2010-04-01';
const KAZOO_API_VERSION = '4.x';

/** The facts of a call both request formats are built from, read once from the activeflow. */
interface CallFacts {
  callId: string;
  accountId: string;
  from: string;
  to: string;
  callerName: string;
  callerNumber: string;
  direction: string;
  status: string;
  userId: string;
  language: string;
  digits: string;
  collections: Record<string, string>;
  recordingUrl: string;
  recordingDuration: string;
  recordingId: string;
}

function factsOf(state: Readonly<ActiveflowState>): CallFacts {
  const v = state.variables;
  const get = (name: string) => v[name] ?? '';
  const first = (...values: string[]) => values.find((value) => value !== '') ?? '';
  const from = get('voipbin.call.source.target');
  const name = first(get('voipbin.call.caller_id_name'), get('voipbin.call.source.name'), get('voipbin.call.source.target_name'));
  // A SIP caller's number is its user part; its realm is From-Realm.
  const number = first(get('voipbin.call.caller_id_number'), userAndRealm(from)[0]);
  const collections = emptyRecord<string>();
  for (const [key, value] of Object.entries(v)) {
    if (key.startsWith(COLLECTED) && value !== '') collections[key.slice(COLLECTED.length)] = value;
  }
  return {
    callId: first(get('voipbin.call.id'), state.reference_id, state.id),
    accountId: first(state.account_id, get('voipbin.call.account_id')),
    from,
    to: get('voipbin.call.destination.target'),
    callerName: name === '' ? '' : get('voipbin.call.caller_id_name_prefix') + name,
    callerNumber: number === '' ? '' : get('voipbin.call.caller_id_number_prefix') + number,
    direction: get('voipbin.call.direction'),
    // A flow runs while its call is up; the media layer may say more precisely.
    status: first(get('voipbin.call.status'), state.reference_type === 'call' || get('voipbin.call.id') !== '' ? 'in-progress' : ''),
    userId: get('voipbin.call.owner_id'),
    language: first(get('voipbin.call.language'), get('kazoo.language')),
    digits: get('voipbin.call.digits'),
    collections,
    recordingUrl: get(RECORDING_URL),
    recordingDuration: get(RECORDING_DURATION),
    recordingId: get(RECORDING_ID),
  };
}

/** `user@realm` split in two; a bare user has no realm. */
function userAndRealm(target: string): [string, string] {
  const at = target.lastIndexOf('@');
  return at < 0 ? [target, ''] : [target.slice(0, at), target.slice(at + 1)];
}

function withoutEmpty(fields: Record<string, FormValue>): Record<string, FormValue> {
  const kept = emptyRecord<FormValue>();
  for (const [key, value] of Object.entries(fields)) if (value !== '') kept[key] = value;
  return kept;
}

/**
 * Pivot's request fields in Kazoo's names (requests.md), from what call-manager puts in
 * the activeflow's variables (`voipbin.call.*`) and what set_cid / prepend_cid /
 * collect_dtmf / recordings left there. Empty values are left out, as Kazoo does; a run
 * without a call still sends its reference as Call-ID so the server can tell runs apart.
 */
export function pivotRequestFields(state: Readonly<ActiveflowState>): Record<string, FormValue> {
  const facts = factsOf(state);
  const [from, fromRealm] = userAndRealm(facts.from);
  const [to, toRealm] = userAndRealm(facts.to);
  const fields: Record<string, FormValue> = {
    'Call-ID': facts.callId,
    Request: to,
    'Request-Realm': toRealm,
    To: to,
    'To-Realm': toRealm,
    From: from,
    'From-Realm': fromRealm,
    'Account-ID': facts.accountId,
    'Caller-ID-Name': facts.callerName,
    'Caller-ID-Number': facts.callerNumber,
    'Call-Status': facts.status,
    'Api-Version': KAZOO_API_VERSION,
    // voipbin says incoming/outgoing; Kazoo says inbound/outbound.
    Direction: facts.direction === 'incoming' ? 'inbound' : facts.direction === 'outgoing' ? 'outbound' : facts.direction,
    'User-ID': facts.userId,
    Language: facts.language,
    'Recording-Url': facts.recordingUrl,
    'Recording-Duration': facts.recordingDuration,
    'Recording-ID': facts.recordingId,
  };
  // Kazoo sends the named collections as Digits[name]=1234; without any, the last digits pressed.
  fields.Digits = Object.keys(facts.collections).length > 0 ? facts.collections : facts.digits;
  return withoutEmpty(fields);
}

/**
 * The same facts in Twilio's names (its voice webhook parameters), so an application
 * written for Twilio reads them unchanged, with what `<Set>` stored and what the last
 * `<Dial>` came to.
 */
export function twimlRequestFields(state: Readonly<ActiveflowState>): Record<string, FormValue> {
  const facts = factsOf(state);
  const v = state.variables;
  const fields: Record<string, FormValue> = {
    CallSid: facts.callId,
    AccountSid: facts.accountId,
    From: facts.callerNumber === '' ? facts.from : facts.callerNumber,
    To: facts.to,
    Called: facts.to,
    Caller: facts.from,
    CallStatus: facts.status,
    ApiVersion: TWILIO_API_VERSION,
    Direction: facts.direction === 'outgoing' ? 'outbound-api' : facts.direction === 'incoming' ? 'inbound' : facts.direction,
    CallerName: facts.callerName,
    Digits: facts.digits,
    RecordingUrl: facts.recordingUrl,
    RecordingDuration: facts.recordingDuration,
    RecordingSid: facts.recordingId,
    DialCallStatus: dialCallStatus(v[DIAL_STATUS] ?? ''),
    DialCallSid: v[DIAL_CALL_ID] ?? '',
    DialCallDuration: v[DIAL_DURATION] ?? '',
  };
  const kept = withoutEmpty(fields);
  for (const [key, value] of Object.entries(v)) {
    const name = key.slice(TWIML_VARIABLE.length);
    // What <Set> stored never overrides the call's own facts.
    if (key.startsWith(TWIML_VARIABLE) && name !== '' && !(name in kept)) kept[name] = value;
  }
  return kept;
}
