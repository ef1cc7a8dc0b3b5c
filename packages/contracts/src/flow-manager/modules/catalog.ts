import { answerModule } from './answer.js';
import { callForwardModule } from './call_forward.js';
import { callflowModule } from './callflow.js';
import { checkCidModule } from './check_cid.js';
import { cidlistmatchModule } from './cidlistmatch.js';
import { collectDtmfModule } from './collect_dtmf.js';
import { conferenceModule } from './conference.js';
import { deviceModule } from './device.js';
import { directoryModule } from './directory.js';
import { disaModule } from './disa.js';
import { doNotDisturbModule } from './do_not_disturb.js';
import { dynamicCidModule } from './dynamic_cid.js';
import { eavesdropModule } from './eavesdrop.js';
import { groupPickupModule } from './group_pickup.js';
import { hangupModule } from './hangup.js';
import { interceptModule } from './intercept.js';
import { hotdeskModule } from './hotdesk.js';
import { manualPresenceModule } from './manual_presence.js';
import { menuModule } from './menu.js';
import { faxDetectModule } from './fax_detect.js';
import { faxboxModule } from './faxbox.js';
import { receiveFaxModule } from './receive_fax.js';
import { offnetModule } from './offnet.js';
import { pageGroupModule } from './page_group.js';
import { pivotModule } from './pivot.js';
import { playModule } from './play.js';
import { prependCidModule } from './prepend_cid.js';
import { recordCallModule } from './record_call.js';
import { recordCallerModule } from './record_caller.js';
import { responseModule } from './response.js';
import { resourcesModule } from './resources.js';
import { ringGroupModule } from './ring_group.js';
import { sayModule } from './say.js';
import { sendDtmfModule } from './send_dtmf.js';
import { setCidModule } from './set_cid.js';
import { sleepModule } from './sleep.js';
import { temporalRouteModule } from './temporal_route.js';
import { ttsModule } from './tts.js';
import { userModule } from './user.js';
import { voicemailModule } from './voicemail.js';
import { webhookModule } from './webhook.js';
import type { ModuleEntry } from './define.js';

/** Keeps each key equal to its entry's module name. */
function keyedByModule<C extends { [K in keyof C]: ModuleEntry<K & string> }>(catalog: C): C {
  return catalog;
}

/** Every Kazoo callflow module flow-manager compiles, one file each. */
export const callflowModuleCatalog = keyedByModule({
  answer: answerModule,
  call_forward: callForwardModule,
  callflow: callflowModule,
  check_cid: checkCidModule,
  cidlistmatch: cidlistmatchModule,
  collect_dtmf: collectDtmfModule,
  conference: conferenceModule,
  device: deviceModule,
  directory: directoryModule,
  disa: disaModule,
  do_not_disturb: doNotDisturbModule,
  dynamic_cid: dynamicCidModule,
  eavesdrop: eavesdropModule,
  group_pickup: groupPickupModule,
  fax_detect: faxDetectModule,
  faxbox: faxboxModule,
  hangup: hangupModule,
  intercept: interceptModule,
  hotdesk: hotdeskModule,
  manual_presence: manualPresenceModule,
  menu: menuModule,
  offnet: offnetModule,
  page_group: pageGroupModule,
  pivot: pivotModule,
  play: playModule,
  prepend_cid: prependCidModule,
  receive_fax: receiveFaxModule,
  record_call: recordCallModule,
  record_caller: recordCallerModule,
  response: responseModule,
  resources: resourcesModule,
  ring_group: ringGroupModule,
  say: sayModule,
  send_dtmf: sendDtmfModule,
  set_cid: setCidModule,
  sleep: sleepModule,
  temporal_route: temporalRouteModule,
  tts: ttsModule,
  user: userModule,
  voicemail: voicemailModule,
  webhook: webhookModule,
});
