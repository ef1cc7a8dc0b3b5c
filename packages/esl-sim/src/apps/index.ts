import { amd } from './amd.js';
import { answer } from './answer.js';
import { avmd } from './avmd.js';
import { bridge } from './bridge.js';
import { conference, conferenceSetAutoOutcall } from './conference.js';
import { eavesdrop } from './eavesdrop.js';
import { echo } from './echo.js';
import { exportVar } from './export.js';
import { hangup } from './hangup.js';
import { intercept } from './intercept.js';
import { park } from './park.js';
import { playAndGetDigits } from './play-and-get-digits.js';
import { playback } from './playback.js';
import { preAnswer } from './pre-answer.js';
import { read } from './read.js';
import { record } from './record.js';
import { recordSession, stopRecordSession } from './record-session.js';
import { respond } from './respond.js';
import { ringReady } from './ring-ready.js';
import { say } from './say.js';
import { sendDtmf } from './send-dtmf.js';
import { set } from './set.js';
import { sleep } from './sleep.js';
import { socket } from './socket.js';
import { spandspStartFaxDetect, spandspStopFaxDetect } from './fax-detect.js';
import { rxfax, txfax } from './fax.js';
import { speak } from './speak.js';
import type { AppHandler } from './types.js';

export type AppName =
  | 'amd' | 'answer' | 'avmd' | 'bridge' | 'conference' | 'conference_set_auto_outcall' | 'eavesdrop' | 'echo' | 'export' | 'hangup' | 'intercept' | 'park'
  | 'play_and_get_digits' | 'playback' | 'pre_answer' | 'read' | 'record' | 'record_session'
  | 'respond' | 'ring_ready' | 'rxfax' | 'say' | 'send_dtmf' | 'set' | 'sleep' | 'socket' | 'spandsp_start_fax_detect' | 'spandsp_stop_fax_detect'
  | 'speak' | 'stop_record_session' | 'txfax';

/** The dialplan applications the simulator knows; any other hangs the call up as FreeSWITCH does. */
export const APPS = {
  amd,
  answer,
  avmd,
  bridge,
  conference,
  conference_set_auto_outcall: conferenceSetAutoOutcall,
  eavesdrop,
  echo,
  export: exportVar,
  hangup,
  intercept,
  park,
  play_and_get_digits: playAndGetDigits,
  playback,
  pre_answer: preAnswer,
  read,
  record,
  record_session: recordSession,
  respond,
  ring_ready: ringReady,
  rxfax,
  say,
  send_dtmf: sendDtmf,
  set,
  sleep,
  socket,
  spandsp_start_fax_detect: spandspStartFaxDetect,
  spandsp_stop_fax_detect: spandspStopFaxDetect,
  speak,
  stop_record_session: stopRecordSession,
  txfax,
} satisfies Record<AppName, AppHandler>;

export type { AppContext, AppHandler } from './types.js';
