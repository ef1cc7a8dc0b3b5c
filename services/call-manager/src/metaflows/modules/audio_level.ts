import * as fs from '../../esl/commands.js';
import type { MetaflowHandler } from './types.js';

/**
 * konami `audio_level`: `start` sets the level (0 when none is given) of what the leg
 * hears (`write`, the default) or says (`read`); `stop` puts every level back.
 */
export const audioLevel: MetaflowHandler<'audio_level'> = async (run) => {
  const channel = run.call.call.channel_id;
  if (run.data.action === 'stop') await run.call.link.api(fs.unmute(channel));
  else await run.call.link.api(fs.audioLevel(channel, run.data.mode ?? 'write', run.data.level ?? 0));
  return 'continue';
};
