import type { ActionHandler } from './types.js';

/**
 * `external_media_stop`: the unicast stream ends with the media the channel runs, so
 * the channel's media is broken off (uuid_break) and the call's streams marked
 * stopped; done at once.
 */
export const externalMediaStop: ActionHandler<'external_media_stop'> = {
  async start(run) {
    const running = run.live.call.external_medias.filter((media) => media.status === 'running');
    if (running.length === 0) return;
    await run.live.breakMedia(false);
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
