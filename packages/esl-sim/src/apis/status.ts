import type { ApiHandler } from './types.js';

export const VERSION = '1.10.12-release+esl-sim 64bit';

/** `status`: uptime and session counts in mod_commands' layout. */
export const status: ApiHandler = ({ core }) => {
  let micros = Math.max(0, Math.floor((Date.now() - core.stats.startedAt) * 1000));
  const take = (unit: number) => {
    const n = Math.floor(micros / unit);
    micros -= n * unit;
    return n;
  };
  const years = take(365 * 86_400_000_000);
  const days = take(86_400_000_000);
  const hours = take(3_600_000_000);
  const minutes = take(60_000_000);
  const seconds = take(1_000_000);
  const millis = take(1000);
  const live = core.liveSessions().length;
  return (
    `UP ${years} years, ${days} days, ${hours} hours, ${minutes} minutes, ${seconds} seconds, ${millis} milliseconds, ${micros} microseconds\n` +
    `FreeSWITCH (Version ${VERSION}) is ready\n` +
    `${core.stats.sessionsSinceStartup} session(s) since startup\n` +
    `${live} session(s) - peak ${core.stats.peakSessions}, last 5min ${core.stats.peakSessions} \n` +
    `0 session(s) per Sec out of max 30, peak 0, last 5min 0 \n` +
    '1000 session(s) max\n' +
    'min idle cpu 0.00/100.00\n' +
    'Current Stack Size/Max 240K/8192K\n'
  );
};

/** `version`. */
export const version: ApiHandler = () => `FreeSWITCH Version ${VERSION}\n`;

/** `hostname`. */
export const hostname: ApiHandler = ({ core }) => core.bus.identity.hostname;
