import type { ApiRecord, ApplicationRecord, EavesdropRecord, RecordingRecord, UnicastRecord } from './channel/channel.js';
import type { Session } from './core/session.js';

/** A call as the control API shows it: one leg, inbound or originated. */
export interface CallView {
  uuid: string;
  direction: 'inbound' | 'outbound';
  from: string;
  to: string;
  caller_id_name: string;
  /** Channel-State, e.g. CS_EXECUTE, CS_DESTROY. */
  state: string;
  /** Channel-Call-State, e.g. RINGING, ACTIVE, HANGUP. */
  call_state: string;
  answer_state: string;
  answered: boolean;
  hangup_cause: string | null;
  /** remote when the far end hung up, local when the switch did. */
  hangup_by: 'local' | 'remote' | null;
  bridged_to: string | null;
  other_leg: string | null;
  created_at: string;
  answered_at: string | null;
  hangup_at: string | null;
  destroyed: boolean;
  variables: Record<string, string>;
  applications: ApplicationRecord[];
  apis: ApiRecord[];
  events: string[];
  dtmf_received: string;
  dtmf_sent: string;
  recordings: RecordingRecord[];
  /** Its unicast streams, each active until the application after it ends. */
  unicasts: UnicastRecord[];
  /** The eavesdrops it ran, the running one `active`. */
  eavesdrops: EavesdropRecord[];
}

const iso = (micros: number) => (micros === 0 ? null : new Date(Math.floor(micros / 1000)).toISOString());

export function callView(session: Session, destroyed: boolean): CallView {
  const ch = session.channel;
  const disposition = ch.getVariable('sip_hangup_disposition');
  return {
    uuid: ch.uuid,
    direction: ch.direction,
    from: ch.profile.callerIdNumber,
    to: ch.profile.destinationNumber,
    caller_id_name: ch.profile.callerIdName,
    state: ch.state,
    call_state: ch.callState,
    answer_state: ch.answerState,
    answered: ch.answered,
    hangup_cause: ch.hangupCause ?? null,
    hangup_by: disposition === undefined || ch.up ? null : disposition.startsWith('recv_') ? 'remote' : 'local',
    bridged_to: ch.bridgedTo?.uuid ?? null,
    other_leg: ch.otherLeg?.channel.uuid ?? null,
    created_at: iso(ch.times.created) ?? '',
    answered_at: iso(ch.times.answered),
    hangup_at: iso(ch.times.hangup),
    destroyed,
    variables: Object.fromEntries(ch.variables),
    applications: ch.history.applications.map((a) => ({ ...a })),
    apis: ch.history.apis.map((a) => ({ ...a })),
    events: [...ch.history.events],
    dtmf_received: ch.history.dtmfReceived,
    dtmf_sent: ch.history.dtmfSent,
    recordings: ch.history.recordings.map((r) => ({ ...r })),
    unicasts: ch.history.unicasts.map((u) => ({ ...u })),
    eavesdrops: ch.history.eavesdrops.map((e) => ({ ...e })),
  };
}
