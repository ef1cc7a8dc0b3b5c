import * as fs from '../../esl/commands.js';
import type { MetaflowHandler } from './types.js';

/**
 * konami `hold`: the leg that pressed holds the other party, who hears `moh_bleg` (the
 * switch plays a held channel's `hold_music` to its partner), until the unhold key
 * (default 1) is pressed on the same leg. `moh_aleg`, what the holder hears meanwhile,
 * is not played: the holder hears the silence of a held call.
 */
export const hold: MetaflowHandler<'hold'> = async (run) => {
  const { call } = run;
  if (run.data.moh_bleg !== undefined && run.data.moh_bleg !== '') await call.link.api(fs.setVariable(call.call.channel_id, 'hold_music', run.data.moh_bleg));
  await call.control.hold();
  run.deps.keys.wait(call, run.data.unhold_key ?? '1', () => call.control.unhold());
  return 'continue';
};
