/** Where a logger's lines end up: JSON (logger.ts) or the readable lines below. */
export interface LogSink {
  enabled(level: LogLevel): boolean;
  /** `fields` holds every key once, `service` first. */
  write(level: LogLevel, fields: Record<string, unknown>, msg: string | undefined): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A stream or anything else that takes text. */
export interface TextOutput {
  write(text: string): unknown;
}

/** pino's numbers, so both formats agree on what a level lets through. */
export const LOG_LEVELS: Readonly<Record<string, number>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, number>, { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 }),
);

/**
 * `12:04:05.123 INFO  flow-manager  activeflow created activeflow_id=… account_id=…`:
 * time of day (UTC), level, service, message, then the other fields as key=value.
 * An error field shows its message on the line and its stack below it.
 */
export class PrettySink implements LogSink {
  private readonly threshold: number;

  constructor(
    level: string,
    private readonly output: TextOutput,
  ) {
    this.threshold = level === 'silent' ? Infinity : (LOG_LEVELS[level] ?? LOG_LEVELS.info!);
  }

  enabled(level: LogLevel): boolean {
    return LOG_LEVELS[level]! >= this.threshold;
  }

  write(level: LogLevel, fields: Record<string, unknown>, msg: string | undefined): void {
    const time = new Date().toISOString().slice(11, 23);
    const parts = [time, level.toUpperCase().padEnd(5), String(fields.service ?? '-')];
    const stacks: string[] = [];
    let message = msg;
    for (const key of Object.keys(fields)) {
      if (key === 'service') continue;
      const value = fields[key];
      if (value instanceof Error) {
        if (message === undefined) message = value.message;
        if (value.stack) stacks.push(indent(value.stack));
      }
      parts.push(`${key}=${formatValue(value)}`);
    }
    parts.splice(3, 0, message ?? '');
    this.output.write(`${parts.join(' ')}\n${stacks.map((stack) => `${stack}\n`).join('')}`);
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

function formatValue(value: unknown): string {
  if (value instanceof Error) return quoteIfNeeded(value.message);
  if (typeof value === 'string') return quoteIfNeeded(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === null) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return '[unserializable]';
  }
}

/** Bare when it reads unambiguously, JSON-quoted when it has spaces, quotes or `=`. */
function quoteIfNeeded(text: string): string {
  return text !== '' && /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}
