import type { Header } from '../protocol/event.js';
import { playWithTerminators } from './media.js';
import type { AppHandler } from './types.js';

/**
 * `playback <path>`: files and URLs (their length from the prompt table),
 * silence_stream:// and tone_stream://, file_string:// lists. PLAYBACK_START and
 * PLAYBACK_STOP (done or break) around it; the response is FILE PLAYED, FILE NOT
 * FOUND, or PLAYBACK ERROR when the call ended during it.
 */
export const playback: AppHandler = async ({ session, core }, arg) => {
  const path = arg.trim();
  const length = core.prompts.length(path);
  if (!length.found) return 'FILE NOT FOUND';
  const headers: Header[] = [];
  const type = /^(tone_stream|local_stream):\/\//.exec(path)?.[1];
  if (type) headers.push(['Playback-File-Type', type]);
  headers.push(['Playback-File-Path', path]);
  const origin = { file: 'switch_ivr_play_say.c', func: 'switch_ivr_play_file', line: 1468 };
  session.fire('PLAYBACK_START', headers, { origin });
  const started = core.clock.now();
  const result = await playWithTerminators(session, length.ms);
  const playedMs = Math.floor(core.clock.now() - started);
  session.channel.setVariable('playback_ms', String(playedMs));
  session.channel.setVariable('playback_samples', String(playedMs * 8));
  session.fire('PLAYBACK_STOP', [...headers, ['Playback-Status', result.outcome === 'done' ? 'done' : 'break']], { origin });
  return result.outcome === 'hangup' ? 'PLAYBACK ERROR' : 'FILE PLAYED';
};
