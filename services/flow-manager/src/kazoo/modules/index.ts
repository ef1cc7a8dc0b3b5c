import type { ModuleCompilers } from '../types.js';
import { answer } from './answer.js';
import { callForward } from './call_forward.js';
import { callflow } from './callflow.js';
import { checkCid } from './check_cid.js';
import { faxDetect } from './fax_detect.js';
import { faxbox, receiveFax } from './receive_fax.js';
import { cidlistmatch } from './cidlistmatch.js';
import { collectDtmf } from './collect_dtmf.js';
import { conference } from './conference.js';
import { device } from './device.js';
import { directory } from './directory.js';
import { disa } from './disa.js';
import { doNotDisturb } from './do_not_disturb.js';
import { dynamicCid } from './dynamic_cid.js';
import { eavesdrop } from './eavesdrop.js';
import { groupPickup } from './group_pickup.js';
import { hangup } from './hangup.js';
import { intercept } from './intercept.js';
import { hotdesk } from './hotdesk.js';
import { manualPresence } from './manual_presence.js';
import { menu } from './menu.js';
import { pageGroup } from './page_group.js';
import { pivot } from './pivot.js';
import { play } from './play.js';
import { prependCid } from './prepend_cid.js';
import { recordCall } from './record_call.js';
import { recordCaller } from './record_caller.js';
import { response } from './response.js';
import { offnet, resources } from './resources.js';
import { ringGroup } from './ring_group.js';
import { say } from './say.js';
import { sendDtmf } from './send_dtmf.js';
import { setCid } from './set_cid.js';
import { sleep } from './sleep.js';
import { temporalRoute } from './temporal_route.js';
import { tts } from './tts.js';
import { user } from './user.js';
import { voicemail } from './voicemail.js';
import { webhook } from './webhook.js';

/** How each module of the catalog compiles; the compiler refuses a missing or extra one. */
export const moduleCompilers = {
  answer,
  call_forward: callForward,
  callflow,
  check_cid: checkCid,
  fax_detect: faxDetect,
  faxbox,
  receive_fax: receiveFax,
  cidlistmatch,
  collect_dtmf: collectDtmf,
  conference,
  device,
  directory,
  disa,
  do_not_disturb: doNotDisturb,
  dynamic_cid: dynamicCid,
  eavesdrop,
  group_pickup: groupPickup,
  hangup,
  intercept,
  hotdesk,
  manual_presence: manualPresence,
  menu,
  offnet,
  page_group: pageGroup,
  pivot,
  play,
  prepend_cid: prependCid,
  record_call: recordCall,
  record_caller: recordCaller,
  response,
  resources,
  ring_group: ringGroup,
  say,
  send_dtmf: sendDtmf,
  set_cid: setCid,
  sleep,
  temporal_route: temporalRoute,
  tts,
  user,
  voicemail,
  webhook,
} satisfies ModuleCompilers;
