import { audioForkStop } from '../esl/commands.js';
import type { ActionHandler } from './types.js';

/**
 * `external_media_stop`: stops the call's websocket streams (uuid_audio_fork stop)
 * and marks every running stream stopped; done at once. (A stream recorded as RTP by
 * an earlier version ran by unicast, which ended with the application after it.)
 */
export const externalMediaStop: ActionHandler<'external_media_stop'> = {
  async start(run) {
    const running = run.live.call.external_medias.filter((media) => media.status === 'running');
    if (running.length === 0) return;
    if (running.some((media) => media.transport === 'websocket')) await run.api(audioForkStop(run.live.call.channel_id));
    const now = new Date().toISOString();
    run.live.update((call) => {
      for (const media of call.external_medias) {
        if (media.status !== 'running') continue;
        media.status = 'stopped';
        media.tm_stop = now;
      }
    });
  },
};
