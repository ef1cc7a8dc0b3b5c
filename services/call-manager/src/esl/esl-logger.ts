import type { Logger } from '@voxmesh/telemetry';

/**
 * The esl package logs every step of every command, and calls "error" things that are
 * routine (a socket closing while a command waits). Its output goes to our logger at
 * debug level, so it costs nothing unless asked for.
 */
export function eslLogger(logger: Logger): { debug: (msg: string, data?: unknown) => void; info: (msg: string, data?: unknown) => void; error: (msg: string, data?: unknown) => void } {
  const noop = () => undefined;
  const debug = (msg: string, data?: unknown) => logger.debug({ esl: data === undefined ? undefined : String(safe(data)) }, msg);
  return { debug: noop, info: noop, error: debug };
}

function safe(data: unknown): string {
  try {
    return JSON.stringify(data, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)).slice(0, 500);
  } catch {
    return String(data);
  }
}
