import { legsOf, type MetaflowHandler } from './types.js';

/** konami `tts`: speaks the text to the pressing leg (default), its peer or both; Kazoo's `voice` is a gender. */
export const tts: MetaflowHandler<'tts'> = async (run) => {
  const { text, engine, voice, language } = run.data;
  for (const call of legsOf(run, run.data.leg ?? 'self')) {
    await call.control.talk({ text, provider: engine ?? undefined, gender: voice ?? undefined, language: language ?? undefined });
  }
  return 'continue';
};
