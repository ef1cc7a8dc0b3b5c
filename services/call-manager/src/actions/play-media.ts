import { reportUnplayed } from './media-response.js';
import { speakArgument } from './talk.js';
import type { ActionRun } from './types.js';
import type { ActionType } from '../contract.js';

/**
 * Plays one prompt as Kazoo names it: a media id of the account (its uploaded audio, or
 * its tts text spoken), else a URL or path as written. A media id with nothing to play
 * is recorded on the call as MEDIA_NOT_PLAYED and skipped.
 */
export async function playPrompt<T extends ActionType>(run: ActionRun<T>, reference: string): Promise<void> {
  const found = await run.deps.media.playable(run.live.call.account_id, reference);
  if ('missing' in found) {
    run.recordError('MEDIA_NOT_PLAYED', found.missing);
    return;
  }
  if ('speak' in found) {
    // Kazoo's tts voices are `female/en-US`-like: the gender before the slash, the language after.
    const [gender, language] = (found.voice ?? '').split('/');
    const argument = speakArgument({ text: found.speak, ...(gender ? { gender } : {}), ...(language ? { language } : {}) }, run.deps.settings.ttsEngine);
    await run.execute('speak', argument, { onComplete: (event) => reportUnplayed(run, event) });
    return;
  }
  await run.execute('playback', found.path, { onComplete: (event) => reportUnplayed(run, event) });
}
