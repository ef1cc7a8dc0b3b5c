import { mediaNotPlayed } from '../esl/commands.js';
import type { ChannelEvent } from '../esl/event.js';
import type { ActionType } from '../contract.js';
import type { ActionRun } from './types.js';

/**
 * Reads a playback's or speak's Application-Response: media that did not play (no
 * such file, a URL scheme the switch cannot fetch, such as http without
 * mod_http_cache) is recorded on the call as MEDIA_NOT_PLAYED; the flow goes on.
 */
export async function reportUnplayed<T extends ActionType>(run: ActionRun<T>, event: ChannelEvent): Promise<void> {
  const response = event.header('Application-Response');
  if (!mediaNotPlayed(response) || run.live.ending) return;
  run.recordError('MEDIA_NOT_PLAYED', `${event.header('Application') ?? 'playback'} ${event.header('Application-Data') ?? ''}: ${response}`);
}
