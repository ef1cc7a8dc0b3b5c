import type { ActionHandler } from './types.js';

/** flite's voices by gender, the defaults when a talk names no voice. */
const FLITE_VOICES: Record<string, string> = { female: 'slt', male: 'kal', neutral: 'rms' };

/**
 * speak's argument, `engine|voice|text`: the engine is the action's provider (else the
 * -tts_engine flag), the voice its voice_id, else one for its language and gender
 * (flite's own for English, `<language>-<gender>` for an engine that has others).
 */
export function speakArgument(option: { text: string; provider?: string | undefined; voice_id?: string | undefined; language?: string | undefined; gender?: string | undefined; [key: string]: unknown }, defaultEngine: string): string {
  const engine = option.provider ?? (typeof option.engine === 'string' ? option.engine : undefined) ?? defaultEngine;
  const gender = (option.gender ?? 'female').toLowerCase();
  const explicit = option.voice_id ?? (typeof option.voice === 'string' ? option.voice : undefined);
  const english = option.language === undefined || /^en\b/i.test(option.language);
  const voice = explicit ?? (english ? (FLITE_VOICES[gender] ?? 'slt') : `${option.language}-${gender}`);
  return `${engine}|${voice}|${option.text}`;
}

/**
 * `talk`: answers if needed, then speaks; done when speak completes, or at once when
 * `async`. With `digits_handle: next` a key pressed during it stops it and moves on.
 */
export const talk: ActionHandler<'talk'> = {
  async start(run) {
    const option = run.action.option;
    if (!run.live.answered) await run.execute('answer');
    await run.execute('speak', speakArgument(option, run.deps.settings.ttsEngine), { wait: option.async !== true });
  },
  async onDigit(run) {
    if (run.action.option.digits_handle !== 'next') return;
    await run.live.breakMedia(false);
    await run.complete();
  },
};
