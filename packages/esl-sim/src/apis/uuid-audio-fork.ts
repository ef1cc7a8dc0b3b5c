import { NO_SUCH_CHANNEL, type ApiHandler } from './types.js';

/**
 * `uuid_audio_fork <uuid> start <ws-url> [mono|mixed|stereo] [8k|16k] [metadata]` and
 * `stop [text]` (mod_audio_fork, the usual way to stream a call's audio out). Nothing is
 * streamed; the fork is kept as the `audio_fork_url` variable and the call's API log.
 */
export const uuidAudioFork: ApiHandler = ({ core }, arg) => {
  const [uuid, action, url] = arg.trim().split(/\s+/);
  if (!uuid || !action) return '-USAGE: <uuid> [start | stop | send_text | pause | resume | graceful-shutdown ] [wss-url | path] [mono | mixed | stereo] [8000 | 16000 | 24000 | 32000 | 64000] [metadata]\n';
  const session = core.locate(uuid);
  if (!session) return NO_SUCH_CHANNEL;
  if (action === 'start') {
    if (!url) return '-ERR missing url\n';
    session.channel.setVariable('audio_fork_url', url);
  } else if (action === 'stop') {
    session.channel.setVariable('audio_fork_url', undefined);
  }
  return '+OK Success\n';
};
