import type { ModuleCompilers } from '../types.js';
import { answer } from './answer.js';
import { callflow } from './callflow.js';
import { checkCid } from './check_cid.js';
import { cidlistmatch } from './cidlistmatch.js';
import { collectDtmf } from './collect_dtmf.js';
import { dynamicCid } from './dynamic_cid.js';
import { hangup } from './hangup.js';
import { menu } from './menu.js';
import { pivot } from './pivot.js';
import { play } from './play.js';
import { prependCid } from './prepend_cid.js';
import { recordCall } from './record_call.js';
import { say } from './say.js';
import { setCid } from './set_cid.js';
import { sleep } from './sleep.js';
import { temporalRoute } from './temporal_route.js';
import { tts } from './tts.js';
import { webhook } from './webhook.js';

/** How each module of the catalog compiles; the compiler refuses a missing or extra one. */
export const moduleCompilers = {
  answer,
  callflow,
  check_cid: checkCid,
  cidlistmatch,
  collect_dtmf: collectDtmf,
  dynamic_cid: dynamicCid,
  hangup,
  menu,
  pivot,
  play,
  prepend_cid: prependCid,
  record_call: recordCall,
  say,
  set_cid: setCid,
  sleep,
  temporal_route: temporalRoute,
  tts,
  webhook,
} satisfies ModuleCompilers;
