import { agentCall } from './agent_call.js';
import { amd } from './amd.js';
import { answer } from './answer.js';
import { beep } from './beep.js';
import { branch } from './branch.js';
import { conditionDatetime } from './condition_datetime.js';
import { conditionVariable } from './condition_variable.js';
import { confbridgeJoin } from './confbridge_join.js';
import { conferenceJoin } from './conference_join.js';
import { connect } from './connect.js';
import { digitsReceive } from './digits_receive.js';
import { digitsSend } from './digits_send.js';
import { dtmfReceive } from './dtmf_receive.js';
import { dtmfSend } from './dtmf_send.js';
import { echo } from './echo.js';
import { externalMediaStart } from './external_media_start.js';
import { externalMediaStop } from './external_media_stop.js';
import { fetch } from './fetch.js';
import { fetchFlow } from './fetch_flow.js';
import { goto } from './goto.js';
import { hangup } from './hangup.js';
import { patch } from './patch.js';
import { patchFlow } from './patch_flow.js';
import { pivot } from './pivot.js';
import { play } from './play.js';
import { queueJoin } from './queue_join.js';
import { recordingStart } from './recording_start.js';
import { recordingStop } from './recording_stop.js';
import { sleep } from './sleep.js';
import { stop } from './stop.js';
import { streamEcho } from './stream_echo.js';
import { talk } from './talk.js';
import { transcribeRecording } from './transcribe_recording.js';
import { transcribeStart } from './transcribe_start.js';
import { transcribeStop } from './transcribe_stop.js';
import type { ActionHandlers } from './types.js';
import { variableSet } from './variable_set.js';
import { webhookSend } from './webhook_send.js';

/** The handler of every action type; the compiler refuses a type without one. */
export const actionHandlers = {
  agent_call: agentCall,
  amd,
  answer,
  beep,
  branch,
  condition_datetime: conditionDatetime,
  condition_variable: conditionVariable,
  confbridge_join: confbridgeJoin,
  conference_join: conferenceJoin,
  connect,
  digits_receive: digitsReceive,
  digits_send: digitsSend,
  dtmf_receive: dtmfReceive,
  dtmf_send: dtmfSend,
  echo,
  external_media_start: externalMediaStart,
  external_media_stop: externalMediaStop,
  fetch,
  fetch_flow: fetchFlow,
  goto,
  hangup,
  patch,
  patch_flow: patchFlow,
  pivot,
  play,
  queue_join: queueJoin,
  recording_start: recordingStart,
  recording_stop: recordingStop,
  sleep,
  stop,
  stream_echo: streamEcho,
  talk,
  transcribe_recording: transcribeRecording,
  transcribe_start: transcribeStart,
  transcribe_stop: transcribeStop,
  variable_set: variableSet,
  webhook_send: webhookSend,
} satisfies ActionHandlers;

export * from './types.js';
