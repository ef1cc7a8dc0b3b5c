import { accountCallerIdAction } from './account_caller_id.js';
import { agentCallAction } from './agent_call.js';
import { amdAction } from './amd.js';
import { answerAction } from './answer.js';
import { beepAction } from './beep.js';
import { branchAction } from './branch.js';
import { bridgeAction } from './bridge.js';
import { callSettingsUpdateAction } from './call_settings_update.js';
import { callerIdLookupAction } from './caller_id_lookup.js';
import { carrierBridgeAction } from './carrier_bridge.js';
import { conditionDatetimeAction } from './condition_datetime.js';
import { faxDetectAction } from './fax_detect.js';
import { receiveFaxAction } from './receive_fax.js';
import { sendFaxAction } from './send_fax.js';
import { conditionRegexAction } from './condition_regex.js';
import { conditionVariableAction } from './condition_variable.js';
import { confbridgeJoinAction } from './confbridge_join.js';
import { conferenceEnterAction } from './conference_enter.js';
import { conferenceJoinAction } from './conference_join.js';
import { connectAction } from './connect.js';
import { digitsReceiveAction } from './digits_receive.js';
import { digitsSendAction } from './digits_send.js';
import { dtmfReceiveAction } from './dtmf_receive.js';
import { dtmfSendAction } from './dtmf_send.js';
import { eavesdropAction } from './eavesdrop.js';
import { directorySearchAction } from './directory_search.js';
import { echoAction } from './echo.js';
import { externalMediaStartAction } from './external_media_start.js';
import { externalMediaStopAction } from './external_media_stop.js';
import { fetchAction } from './fetch.js';
import { fetchFlowAction } from './fetch_flow.js';
import { gotoAction } from './goto.js';
import { hangupAction } from './hangup.js';
import { hotdeskUpdateAction } from './hotdesk_update.js';
import { listMatchAction } from './list_match.js';
import { pageAction } from './page.js';
import { patchAction } from './patch.js';
import { patchFlowAction } from './patch_flow.js';
import { pickupAction } from './pickup.js';
import { pivotAction } from './pivot.js';
import { playAction } from './play.js';
import { presenceSetAction } from './presence_set.js';
import { queueJoinAction } from './queue_join.js';
import { recordingStartAction } from './recording_start.js';
import { recordingStopAction } from './recording_stop.js';
import { respondAction } from './respond.js';
import { routeLookupAction } from './route_lookup.js';
import { sleepAction } from './sleep.js';
import { stopAction } from './stop.js';
import { streamEchoAction } from './stream_echo.js';
import { talkAction } from './talk.js';
import { temporalMatchAction } from './temporal_match.js';
import { temporalRulesUpdateAction } from './temporal_rules_update.js';
import { transcribeRecordingAction } from './transcribe_recording.js';
import { transcribeStartAction } from './transcribe_start.js';
import { transcribeStopAction } from './transcribe_stop.js';
import { variableSetAction } from './variable_set.js';
import { voicemailCheckAction } from './voicemail_check.js';
import { voicemailLeaveAction } from './voicemail_leave.js';
import { webhookSendAction } from './webhook_send.js';
import type { ActionEntry } from './define.js';

/** Keeps each key equal to its entry's type, so a catalog line cannot name the wrong file. */
function keyedByType<C extends { [K in keyof C]: ActionEntry<K & string> }>(catalog: C): C {
  return catalog;
}

/**
 * Every action type a flow may hold, one file each: the seed's 24, the ones voipbin added
 * since, and Kazoo's pivot. Everything else about action types is derived from here.
 */
export const actionCatalog = keyedByType({
  account_caller_id: accountCallerIdAction,
  agent_call: agentCallAction,
  amd: amdAction,
  answer: answerAction,
  beep: beepAction,
  branch: branchAction,
  bridge: bridgeAction,
  call_settings_update: callSettingsUpdateAction,
  caller_id_lookup: callerIdLookupAction,
  carrier_bridge: carrierBridgeAction,
  condition_datetime: conditionDatetimeAction,
  condition_regex: conditionRegexAction,
  condition_variable: conditionVariableAction,
  confbridge_join: confbridgeJoinAction,
  conference_enter: conferenceEnterAction,
  conference_join: conferenceJoinAction,
  connect: connectAction,
  digits_receive: digitsReceiveAction,
  digits_send: digitsSendAction,
  dtmf_receive: dtmfReceiveAction,
  dtmf_send: dtmfSendAction,
  eavesdrop: eavesdropAction,
  directory_search: directorySearchAction,
  echo: echoAction,
  fax_detect: faxDetectAction,
  receive_fax: receiveFaxAction,
  send_fax: sendFaxAction,
  external_media_start: externalMediaStartAction,
  external_media_stop: externalMediaStopAction,
  fetch: fetchAction,
  fetch_flow: fetchFlowAction,
  goto: gotoAction,
  hangup: hangupAction,
  hotdesk_update: hotdeskUpdateAction,
  list_match: listMatchAction,
  page: pageAction,
  patch: patchAction,
  patch_flow: patchFlowAction,
  pickup: pickupAction,
  pivot: pivotAction,
  play: playAction,
  presence_set: presenceSetAction,
  queue_join: queueJoinAction,
  recording_start: recordingStartAction,
  recording_stop: recordingStopAction,
  respond: respondAction,
  route_lookup: routeLookupAction,
  sleep: sleepAction,
  stop: stopAction,
  stream_echo: streamEchoAction,
  talk: talkAction,
  temporal_match: temporalMatchAction,
  temporal_rules_update: temporalRulesUpdateAction,
  transcribe_recording: transcribeRecordingAction,
  transcribe_start: transcribeStartAction,
  transcribe_stop: transcribeStopAction,
  variable_set: variableSetAction,
  voicemail_check: voicemailCheckAction,
  voicemail_leave: voicemailLeaveAction,
  webhook_send: webhookSendAction,
});
