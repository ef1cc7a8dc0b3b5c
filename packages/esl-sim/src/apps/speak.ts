import { playWithTerminators } from './media.js';
import type { AppHandler } from './types.js';

/**
 * `speak engine|voice|text`, or the text alone with `tts_engine` and `tts_voice`
 * set (mod_dptools.c, speak_function). The speech lasts in proportion to the number of
 * words. An engine whose module is not loaded, or a voice it does not have, is refused
 * as switch_ivr_speak_text refuses it ("Invalid TTS module"): nothing is spoken and the
 * application ends at once with no response of its own.
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
  const engine = session.channel.getVariable('tts_engine') ?? '';
  const voice = session.channel.getVariable('tts_voice') ?? '';
  if (!core.modules.speaks(engine, voice)) {
    core.logger.warn({ uuid: session.uuid, engine, voice }, 'Invalid TTS module');
    return;
  }
  await playWithTerminators(session, core.prompts.speechMs(text));
};
