import type { callManager } from '@voxmesh/contracts';
import { audioLevel } from './audio_level.js';
import { breakMedia } from './break.js';
import { callflow } from './callflow.js';
import { hangup } from './hangup.js';
import { hold } from './hold.js';
import { move } from './move.js';
import { holdControl } from './hold_control.js';
import { intercept } from './intercept.js';
import { play } from './play.js';
import { recordCall } from './record_call.js';
import { resume } from './resume.js';
import { say } from './say.js';
import { soundTouch } from './sound_touch.js';
import { transfer } from './transfer.js';
import { tts } from './tts.js';
import type { MetaflowHandler } from './types.js';

export type MetaflowHandlers = { readonly [M in callManager.RunnableMetaflowModule]: MetaflowHandler<M> };

/** One handler per konami module call-manager runs: the build fails on a missing or extra one. */
export const metaflowHandlers: MetaflowHandlers = {
  play,
  tts,
  say,
  hangup,
  break: breakMedia,
  callflow,
  record_call: recordCall,
  hold,
  hold_control: holdControl,
  resume,
  audio_level: audioLevel,
  sound_touch: soundTouch,
  transfer,
  intercept,
  move,
};
