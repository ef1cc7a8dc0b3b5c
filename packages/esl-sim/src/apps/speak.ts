import { playWithTerminators } from './media.js';
import type { AppHandler } from './types.js';

/**
 * `speak engine|voice|text`, or the text alone with `tts_engine` and `tts_voice`
 * set. The speech lasts in proportion to the number of words.
 */
export const speak: AppHandler = async ({ session, core }, arg) => {
  const parts = arg.split('|');
  let text = arg;
  if (parts.length >= 3) {
    session.channel.setVariable('tts_engine', parts[0]);
    session.channel.setVariable('tts_voice', parts[1]);
    text = parts.slice(2).join('|');
  }
  if (text.trim() === '') return;
  await playWithTerminators(session, core.prompts.speechMs(text));
};
