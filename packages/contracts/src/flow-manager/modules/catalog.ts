import { answerModule } from './answer.js';
import { callflowModule } from './callflow.js';
import { checkCidModule } from './check_cid.js';
import { cidlistmatchModule } from './cidlistmatch.js';
import { collectDtmfModule } from './collect_dtmf.js';
import { dynamicCidModule } from './dynamic_cid.js';
import { hangupModule } from './hangup.js';
import { menuModule } from './menu.js';
import { pivotModule } from './pivot.js';
import { playModule } from './play.js';
import { prependCidModule } from './prepend_cid.js';
import { recordCallModule } from './record_call.js';
import { sayModule } from './say.js';
import { setCidModule } from './set_cid.js';
import { sleepModule } from './sleep.js';
import { temporalRouteModule } from './temporal_route.js';
import { ttsModule } from './tts.js';
import { webhookModule } from './webhook.js';
import type { ModuleEntry } from './define.js';

/** Keeps each key equal to its entry's module name. */
function keyedByModule<C extends { [K in keyof C]: ModuleEntry<K & string> }>(catalog: C): C {
  return catalog;
}

/** Every Kazoo callflow module flow-manager compiles, one file each. */
export const callflowModuleCatalog = keyedByModule({
  answer: answerModule,
  callflow: callflowModule,
  check_cid: checkCidModule,
  cidlistmatch: cidlistmatchModule,
  collect_dtmf: collectDtmfModule,
  dynamic_cid: dynamicCidModule,
  hangup: hangupModule,
  menu: menuModule,
  pivot: pivotModule,
  play: playModule,
  prepend_cid: prependCidModule,
  record_call: recordCallModule,
  say: sayModule,
  set_cid: setCidModule,
  sleep: sleepModule,
  temporal_route: temporalRouteModule,
  tts: ttsModule,
  webhook: webhookModule,
});
