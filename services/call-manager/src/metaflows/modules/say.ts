import * as fs from '../../esl/commands.js';
import type { MetaflowHandler } from './types.js';

/** What Kazoo says for the `current_*` types: the time now, as seconds since the epoch. */
const CLOCK_TYPES = new Set(['current_date', 'current_time', 'current_date_time', 'short_date_time']);

/**
 * konami `say`: the text said as its `type` (a number by default) and `method`
 * (pronounced by default), in `language` (en by default), by mod_dptools' say, played
 * beside what the leg runs. A clock type with no text says the time now.
 */
export const say: MetaflowHandler<'say'> = async (run) => {
  const type = run.data.type ?? 'number';
  const text = run.data.text ?? (CLOCK_TYPES.has(type) ? String(Math.floor(Date.now() / 1000)) : '');
  if (text.trim() === '') return 'continue';
  const path = fs.sayPath(run.data.language ?? 'en', type, run.data.method ?? 'pronounced', run.data.gender, text);
  await run.call.link.api(fs.broadcast(run.call.call.channel_id, path));
  return 'continue';
};
