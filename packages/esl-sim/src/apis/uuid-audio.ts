import { NO_SUCH_CHANNEL, type ApiHandler } from './types.js';

const USAGE = '-USAGE: <uuid> [start [read|write] [mute|level <level>]|stop]\n';

/**
 * `uuid_audio <uuid> start read|write mute|level <n>` and `stop`: mutes or changes
 * the level of one direction. The state is kept as `audio_read` / `audio_write`
 * variables (`mute` or the level) so that a test can see it.
 */
export const uuidAudio: ApiHandler = ({ core }, arg) => {
  const [uuid, action, direction, what, level] = arg.trim().split(/\s+/);
  if (!uuid || (action !== 'start' && action !== 'stop')) return USAGE;
  const session = core.locate(uuid);
  if (!session) return NO_SUCH_CHANNEL;
  const ch = session.channel;
  if (action === 'stop') {
    ch.setVariable('audio_read', undefined);
    ch.setVariable('audio_write', undefined);
    return '+OK Success\n';
  }
  if ((direction !== 'read' && direction !== 'write') || (what !== 'mute' && what !== 'level')) return USAGE;
  const value = what === 'mute' ? (level === '0' ? undefined : 'mute') : level;
  if (what === 'level' && (value === undefined || !/^-?\d+$/.test(value))) return USAGE;
  ch.setVariable(`audio_${direction}`, value);
  return '+OK Success\n';
};
