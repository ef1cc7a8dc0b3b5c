import { pino, type Logger as PinoLogger, type LoggerOptions as PinoOptions } from 'pino';
import { LOG_LEVELS, PrettySink, type LogLevel, type LogSink, type TextOutput } from './log-sinks.js';

/**
 * The logging seam every package takes through its constructor. createLogger's logger
 * fits it; tests pass a silent one.
 */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export type LogFormat = 'pretty' | 'json';

export const LOG_FORMATS: readonly LogFormat[] = ['pretty', 'json'];

/** Readable lines for a person at a terminal; JSON lines for whatever collects them. */
export function defaultLogFormat(stdoutIsTty: boolean | undefined = process.stdout.isTTY): LogFormat {
  return stdoutIsTty ? 'pretty' : 'json';
}

export interface LoggerOptions {
  service: string;
  level?: string;
  format?: LogFormat;
  /** Where lines go; stdout when left out. */
  output?: TextOutput;
}

/**
 * A logger whose fields are merged, not appended: a child's binding or a line's field
 * replaces one of the same name, so a line never carries a key twice (pino's own child
 * loggers append, and `"service":"platform","service":"flow-manager"` followed).
 */
class FieldLogger implements Logger {
  constructor(
    private readonly sink: LogSink,
    private readonly bindings: Record<string, unknown>,
  ) {}

  debug(obj: object | string, msg?: string): void {
    this.write('debug', obj, msg);
  }

  info(obj: object | string, msg?: string): void {
    this.write('info', obj, msg);
  }

  warn(obj: object | string, msg?: string): void {
    this.write('warn', obj, msg);
  }

  error(obj: object | string, msg?: string): void {
    this.write('error', obj, msg);
  }

  child(bindings: Record<string, unknown>): Logger {
    return new FieldLogger(this.sink, mergeFields(this.bindings, bindings));
  }

  private write(level: LogLevel, obj: object | string, msg: string | undefined): void {
    if (!this.sink.enabled(level)) return;
    if (typeof obj === 'string') {
      this.sink.write(level, this.bindings, obj);
    } else if (obj instanceof Error) {
      this.sink.write(level, mergeFields(this.bindings, { err: obj }), msg ?? obj.message);
    } else {
      this.sink.write(level, mergeFields(this.bindings, obj as Record<string, unknown>), msg);
    }
  }
}

/** The names every line already has; a field of the same name is kept beside them. */
const RESERVED = new Set(['level', 'time', 'msg']);

/** Later fields win; an undefined one leaves the earlier value in place. */
function mergeFields(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = Object.assign(Object.create(null) as Record<string, unknown>, base);
  for (const key of Object.keys(extra)) {
    const value = extra[key];
    if (value === undefined) continue;
    merged[RESERVED.has(key) ? `${key}_field` : key] = value;
  }
  return merged;
}

/** pino writes the JSON lines: its error serializer and its speed. */
class JsonSink implements LogSink {
  private readonly pino: PinoLogger;

  constructor(level: string, output: TextOutput | undefined) {
    const options: PinoOptions = {
      level,
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    };
    this.pino = output ? pino(options, output) : pino(options);
  }

  enabled(level: LogLevel): boolean {
    return this.pino.isLevelEnabled(level);
  }

  write(level: LogLevel, fields: Record<string, unknown>, msg: string | undefined): void {
    this.pino[level](fields, msg);
  }
}

function checkedLevel(level: string): string {
  if (level !== 'silent' && !(level in LOG_LEVELS)) throw new Error(`unknown log level ${JSON.stringify(level)}`);
  return level;
}

/** One `service` field on each line, in the format asked for (pretty on a terminal, JSON otherwise). */
export function createLogger(options: LoggerOptions): Logger {
  const level = checkedLevel(options.level ?? process.env.LOG_LEVEL ?? 'info');
  const format = options.format ?? defaultLogFormat();
  const sink = format === 'pretty' ? new PrettySink(level, options.output ?? process.stdout) : new JsonSink(level, options.output);
  return new FieldLogger(sink, { service: options.service });
}

const SILENT: LogSink = { enabled: () => false, write: () => undefined };

export function silentLogger(): Logger {
  return new FieldLogger(SILENT, {});
}
