import type { Address, Call, CallDirection, CallStatus } from '../contract.js';

/** A new call's record, every field at its starting value. */
export function newCall(init: {
  id: string;
  direction: CallDirection;
  status: CallStatus;
  source: Address;
  destination: Address;
  channelId: string;
  mediaServer: string;
  accountId?: string;
  flowId?: string;
  activeflowId?: string;
  masterCallId?: string;
  earlyExecution?: boolean;
}): Call {
  const now = new Date().toISOString();
  return {
    id: init.id,
    account_id: init.accountId ?? '',
    type: 'flow',
    direction: init.direction,
    status: init.status,
    source: init.source,
    destination: init.destination,
    channel_id: init.channelId,
    media_server: init.mediaServer,
    flow_id: init.flowId ?? '',
    activeflow_id: init.activeflowId ?? '',
    action: null,
    master_call_id: init.masterCallId ?? '',
    chained_call_ids: [],
    confbridge_id: '',
    recording_id: '',
    recording_ids: [],
    external_medias: [],
    device: null,
    owner_id: '',
    hold: false,
    mute_direction: '',
    early_execution: init.earlyExecution ?? false,
    hangup_by: '',
    hangup_reason: '',
    hangup_cause: '',
    errors: [],
    tm_ringing: init.status === 'ringing' ? now : null,
    tm_progressing: null,
    tm_hangup: null,
    tm_create: now,
    tm_update: null,
    tm_delete: null,
  };
}
