import { playbackTerminators, playFile } from './media.js';
import type { AppHandler } from './types.js';

/**
 * `playback <path>`: files and URLs (their length from the prompt table),
 * silence_stream:// and tone_stream://, file_string:// lists. The response is FILE
 * PLAYED, FILE NOT FOUND, or PLAYBACK ERROR when the call ended during it; a
 * `playback_terminators` key stops it (`*` unless set), other keys are dropped.
 */
export const playback: AppHandler = async ({ session }, arg) => {
  const terminators = playbackTerminators(session.channel);
  const result = await playFile(session, arg.trim(), (digit) => (terminators.includes(digit) ? 'stop' : 'drop'));
  if (result.outcome === 'not-found') return 'FILE NOT FOUND';
  if (result.outcome === 'digit') session.channel.setVariable('playback_terminator_used', result.digit);
  return result.outcome === 'hangup' ? 'PLAYBACK ERROR' : 'FILE PLAYED';
};
