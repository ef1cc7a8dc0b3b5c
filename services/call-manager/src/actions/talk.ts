import { speakArgument as spell } from '../esl/commands.js';
import { chooseVoice, type VoiceRequest } from '../esl/voices.js';
import { reportUnplayed } from './media-response.js';
import type { ActionHandler } from './types.js';

/** speak's argument for a talk, and why its voice is a fallback when it is one. */
export function speakFor(option: VoiceRequest & { text: string }, defaultEngine: string): { argument: string; fallback?: string } {
  const choice = chooseVoice(option, defaultEngine);
  const argument = spell(choice.engine, choice.voice, option.text);
  return choice.fallback === undefined ? { argument } : { argument, fallback: choice.fallback };
}

/** speak's argument (`engine|voice|text`) for a talk's options. */
export function speakArgument(option: VoiceRequest & { text: string }, defaultEngine: string): string {
  return speakFor(option, defaultEngine).argument;
}

/**
 * `talk`: answers if needed, then speaks; done when speak completes, or at once when
 * `async`. With `digits_handle: next` a key pressed during it stops it and moves on. A
 * voice the engine lacks falls back, recorded on the call as TTS_VOICE_FALLBACK.
 */
export const talk: ActionHandler<'talk'> = {
  async start(run) {
    const option = run.action.option;
    const speech = speakFor(option, run.deps.settings.ttsEngine);
    if (speech.fallback !== undefined) run.recordError('TTS_VOICE_FALLBACK', speech.fallback);
    if (!run.live.answered) await run.execute('answer');
    await run.execute('speak', speech.argument, { wait: option.async !== true, onComplete: (event) => reportUnplayed(run, event) });
  },
  async onDigit(run) {
    if (run.action.option.digits_handle !== 'next') return;
    await run.live.breakMedia(false);
    await run.complete();
  },
};
