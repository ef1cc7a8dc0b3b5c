import * as fs from '../../esl/commands.js';
import type { MetaflowHandler } from './types.js';

/** Kazoo and FreeSWITCH's soft hold play no music for `silence`. */
const music = (value: string | undefined) => (value === undefined || value === '' || value.toLowerCase() === 'silence' ? undefined : value);

/**
 * konami `hold`, as FreeSWITCH's soft hold (switch_ivr_soft_hold) does it: the leg that
 * pressed holds the other party, who hears `moh_bleg` (else `moh_aleg`, as Kazoo
 * defaults it; the switch plays a held channel's `hold_music` to its partner), while
 * the holder hears `moh_aleg`, until the unhold key (default 1) is pressed on the same
 * leg, which also stops the holder's music.
 */
export const hold: MetaflowHandler<'hold'> = async (run) => {
  const { call } = run;
  const holderMusic = music(run.data.moh_aleg);
  const otherMusic = music(run.data.moh_bleg ?? run.data.moh_aleg);
  if (otherMusic !== undefined) await call.link.api(fs.setVariable(call.call.channel_id, 'hold_music', otherMusic));
  await call.control.hold();
  if (holderMusic !== undefined) await call.control.play([holderMusic]);
  run.deps.keys.wait(call, run.data.unhold_key ?? '1', async () => {
    if (holderMusic !== undefined) await call.control.breakMedia(true);
    await call.control.unhold();
  });
  return 'continue';
};
