import { audioLevelMetaflow } from './audio_level.js';
import { breakMetaflow } from './break.js';
import { callflowMetaflow } from './callflow.js';
import type { MetaflowModuleEntry } from './define.js';
import { hangupMetaflow } from './hangup.js';
import { holdMetaflow } from './hold.js';
import { holdControlMetaflow } from './hold_control.js';
import { interceptMetaflow } from './intercept.js';
import { moveMetaflow } from './move.js';
import { playMetaflow } from './play.js';
import { recordCallMetaflow } from './record_call.js';
import { resumeMetaflow } from './resume.js';
import { sayMetaflow } from './say.js';
import { soundTouchMetaflow } from './sound_touch.js';
import { transferMetaflow } from './transfer.js';
import { ttsMetaflow } from './tts.js';

/** Keeps each key equal to its entry's module name. */
function keyedByModule<C extends { [K in keyof C]: MetaflowModuleEntry<K & string> }>(catalog: C): C {
  return catalog;
}

/** Every Kazoo konami module a metaflows document may name, one file each. */
export const metaflowModuleCatalog = keyedByModule({
  audio_level: audioLevelMetaflow,
  break: breakMetaflow,
  callflow: callflowMetaflow,
  hangup: hangupMetaflow,
  hold: holdMetaflow,
  hold_control: holdControlMetaflow,
  intercept: interceptMetaflow,
  move: moveMetaflow,
  play: playMetaflow,
  record_call: recordCallMetaflow,
  resume: resumeMetaflow,
  say: sayMetaflow,
  sound_touch: soundTouchMetaflow,
  transfer: transferMetaflow,
  tts: ttsMetaflow,
});
