import * as fs from '../../esl/commands.js';
import type { MetaflowHandler } from './types.js';

/**
 * konami `sound_touch` (mod_soundtouch): `start` shifts the pitch (directly, or in
 * octaves or semitones), rate or tempo of what the leg hears, or with `sending_leg` of
 * what it sends; `stop` ends it. A start with no adjustment shifts nothing: the switch
 * needs one, so the pitch is set to 1.
 */
export const soundTouch: MetaflowHandler<'sound_touch'> = async (run) => {
  const { data } = run;
  const channel = run.call.call.channel_id;
  if (data.action === 'stop') {
    await run.call.link.api(fs.soundTouchStop(channel));
    return 'continue';
  }
  const adjusted = [data.pitch, data.rate, data.tempo, data.adjust_in_octaves, data.adjust_in_semitones].some((value) => value !== undefined) || data.hook_dtmf === true;
  await run.call.link.api(
    fs.soundTouchStart(channel, {
      sendingLeg: data.sending_leg === true,
      hookDtmf: data.hook_dtmf === true,
      pitch: adjusted ? data.pitch : 1,
      rate: data.rate,
      tempo: data.tempo,
      octaves: data.adjust_in_octaves,
      semitones: data.adjust_in_semitones,
    }),
  );
  return 'continue';
};
