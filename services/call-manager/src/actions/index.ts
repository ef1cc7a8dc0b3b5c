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
import { variableSet } from './variable_set.js';
import { webhookSend } from './webhook_send.js';
import type { ActionHandlers } from './types.js';

/**
 * One handler per action type, checked complete by the compiler: a type added to the
 * contract without a handler here does not build. The media actions run on the
 * channel; flow-manager's own actions and those needing services this platform does
 * not run are refused with their reason recorded on the call, and the flow goes on.
 */
export const actionHandlers = {
  agent_call: agentCall,
  amd: amd,
  answer: answer,
  beep: beep,
  branch: branch,
  condition_datetime: conditionDatetime,
  condition_variable: conditionVariable,
  confbridge_join: confbridgeJoin,
  conference_join: conferenceJoin,
  connect: connect,
  digits_receive: digitsReceive,
  digits_send: digitsSend,
  dtmf_receive: dtmfReceive,
  dtmf_send: dtmfSend,
  echo: echo,
  external_media_start: externalMediaStart,
  external_media_stop: externalMediaStop,
  fetch: fetch,
  fetch_flow: fetchFlow,
  goto: goto,
  hangup: hangup,
  patch: patch,
  patch_flow: patchFlow,
  pivot: pivot,
  play: play,
  queue_join: queueJoin,
  recording_start: recordingStart,
  recording_stop: recordingStop,
  sleep: sleep,
  stop: stop,
  stream_echo: streamEcho,
  talk: talk,
  transcribe_recording: transcribeRecording,
  transcribe_start: transcribeStart,
  transcribe_stop: transcribeStop,
  variable_set: variableSet,
  webhook_send: webhookSend,
} satisfies ActionHandlers as ActionHandlers;

export type { ActionDeps, ActionHandler, ActionHandlers, ActionRun } from './types.js';
