import { amd } from './amd.js';
import { answer } from './answer.js';
import { beep } from './beep.js';
import { bridge } from './bridge.js';
import { carrierBridge } from './carrier_bridge.js';
import { faxDetect } from './fax_detect.js';
import { receiveFax } from './receive_fax.js';
import { sendFax } from './send_fax.js';
import { confbridgeJoin } from './confbridge_join.js';
import { conferenceEnter } from './conference_enter.js';
import { conferenceJoin } from './conference_join.js';
import { digitsReceive, dtmfReceive } from './digits_receive.js';
import { digitsSend, dtmfSend } from './digits_send.js';
import { eavesdrop } from './eavesdrop.js';
import { echo, streamEcho } from './echo.js';
import { externalMediaStart } from './external_media_start.js';
import { externalMediaStop } from './external_media_stop.js';
import { hangup } from './hangup.js';
import { page } from './page.js';
import { pickup } from './pickup.js';
import { play } from './play.js';
import { presenceSet } from './presence_set.js';
import { recordingStart } from './recording_start.js';
import { recordingStop } from './recording_stop.js';
import { respond } from './respond.js';
import { handlerTable } from './refused.js';
import { sleep } from './sleep.js';
import { talk } from './talk.js';
import type { MediaActionHandlers } from './types.js';
import { agentCall, queueJoin, transcribeRecording, transcribeStart, transcribeStop } from './unavailable.js';
import { voicemailCheck } from './voicemail_check.js';
import { voicemailLeave } from './voicemail_leave.js';

/**
 * The handler of every type the catalog says the media layer runs, run on the channel:
 * the compiler refuses a media type without one, and a flow-level type with one. Those
 * needing services this platform does not run are refused with their reason recorded
 * on the call, and the flow goes on.
 */
export const mediaActionHandlers = {
  agent_call: agentCall,
  amd,
  answer,
  beep,
  bridge,
  carrier_bridge: carrierBridge,
  fax_detect: faxDetect,
  receive_fax: receiveFax,
  send_fax: sendFax,
  confbridge_join: confbridgeJoin,
  conference_enter: conferenceEnter,
  conference_join: conferenceJoin,
  digits_receive: digitsReceive,
  digits_send: digitsSend,
  dtmf_receive: dtmfReceive,
  dtmf_send: dtmfSend,
  eavesdrop,
  echo,
  external_media_start: externalMediaStart,
  external_media_stop: externalMediaStop,
  hangup,
  page,
  pickup,
  play,
  presence_set: presenceSet,
  queue_join: queueJoin,
  recording_start: recordingStart,
  recording_stop: recordingStop,
  respond,
  sleep,
  stream_echo: streamEcho,
  talk,
  transcribe_recording: transcribeRecording,
  transcribe_start: transcribeStart,
  transcribe_stop: transcribeStop,
  voicemail_check: voicemailCheck,
  voicemail_leave: voicemailLeave,
} satisfies MediaActionHandlers;

/** What a call looks every action up in; flow-manager's own are refused in one place. */
export const actionHandlers = handlerTable(mediaActionHandlers);

export type { ActionDeps, ActionHandler, ActionHandlers, ActionRun, MediaActionHandlers } from './types.js';
