import { conference } from './conference.js';
import { createUuid } from './create-uuid.js';
import { hupall } from './hupall.js';
import { moduleExists } from './module-exists.js';
import { originate } from './originate.js';
import { show } from './show.js';
import { soundtouch } from './soundtouch.js';
import { hostname, status, version } from './status.js';
import type { ApiHandler } from './types.js';
import { uuidAnswer } from './uuid-answer.js';
import { uuidAudio } from './uuid-audio.js';
import { uuidAudioFork } from './uuid-audio-fork.js';
import { uuidBreak } from './uuid-break.js';
import { uuidBridge } from './uuid-bridge.js';
import { uuidBroadcast } from './uuid-broadcast.js';
import { uuidExists } from './uuid-exists.js';
import { uuidGetvar } from './uuid-getvar.js';
import { uuidHold } from './uuid-hold.js';
import { uuidKill } from './uuid-kill.js';
import { uuidRecord } from './uuid-record.js';
import { uuidSendDtmf } from './uuid-send-dtmf.js';
import { uuidSetvar } from './uuid-setvar.js';

export type ApiName =
  | 'conference' | 'create_uuid' | 'hostname' | 'hupall' | 'module_exists' | 'originate' | 'show' | 'soundtouch' | 'status' | 'uuid_answer'
  | 'uuid_audio' | 'uuid_audio_fork' | 'uuid_break' | 'uuid_bridge' | 'uuid_broadcast' | 'uuid_exists'
  | 'uuid_getvar' | 'uuid_hold' | 'uuid_kill' | 'uuid_record' | 'uuid_send_dtmf' | 'uuid_setvar' | 'version';

/** The API commands the simulator knows; others answer `-ERR <cmd> Command not found!`. */
export const APIS = {
  conference,
  create_uuid: createUuid,
  hostname,
  hupall,
  module_exists: moduleExists,
  originate,
  show,
  soundtouch,
  status,
  uuid_answer: uuidAnswer,
  uuid_audio: uuidAudio,
  uuid_audio_fork: uuidAudioFork,
  uuid_break: uuidBreak,
  uuid_bridge: uuidBridge,
  uuid_broadcast: uuidBroadcast,
  uuid_exists: uuidExists,
  uuid_getvar: uuidGetvar,
  uuid_hold: uuidHold,
  uuid_kill: uuidKill,
  uuid_record: uuidRecord,
  uuid_send_dtmf: uuidSendDtmf,
  uuid_setvar: uuidSetvar,
  version,
} satisfies Record<ApiName, ApiHandler>;

export type { ApiContext, ApiHandler } from './types.js';
