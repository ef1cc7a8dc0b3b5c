/**
 * Command-line flags as Go's `flag` package reads them (the seed's binaries are Go):
 * `-name value`, `-name=value`, and the same with two dashes; bools take no value or
 * `=true|false`. Each flag also reads an environment variable; a flag given on the
 * command line wins over the variable, which wins over the default.
 */
export type FlagValue = string | number | boolean;

export interface FlagSpec {
  name: string;
  type: 'string' | 'int' | 'bool';
  usage: string;
  default: FlagValue;
  /** The environment variable; derived from the name when left out (dbDSN → DB_DSN). */
  env?: string;
  /** Returns why a value is refused, or undefined when it is fine. */
  check?: (value: FlagValue) => string | undefined;
}

export class FlagError extends Error {
  constructor(
    message: string,
    readonly flag?: string,
  ) {
    super(message);
    this.name = 'FlagError';
  }
}

/** Thrown for -h / -help / --help: the caller prints usage and exits 0. */
export class HelpRequested extends Error {
  constructor() {
    super('help requested');
    this.name = 'HelpRequested';
  }
}

export interface ParsedFlags {
  values: Record<string, FlagValue>;
  /** Flags set on the command line or through the environment (not left at the default). */
  explicit: Set<string>;
  /** Arguments after the flags (Go stops at the first non-flag or at `--`). */
  rest: string[];
}

export function envName(spec: FlagSpec): string {
  return spec.env ?? spec.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function convert(spec: FlagSpec, raw: string, source: string): FlagValue {
  let value: FlagValue;
  if (spec.type === 'int') {
    if (!/^-?\d+$/.test(raw.trim())) throw new FlagError(`invalid value ${JSON.stringify(raw)} for ${source}: parse error: not an integer`, spec.name);
    value = Number(raw.trim());
  } else if (spec.type === 'bool') {
    const lowered = raw.trim().toLowerCase();
    if (!['1', 't', 'true', '0', 'f', 'false'].includes(lowered)) {
      throw new FlagError(`invalid boolean value ${JSON.stringify(raw)} for ${source}: parse error`, spec.name);
    }
    value = ['1', 't', 'true'].includes(lowered);
  } else {
    value = raw;
  }
  const problem = spec.check?.(value);
  if (problem) throw new FlagError(`invalid value ${JSON.stringify(raw)} for ${source}: ${problem}`, spec.name);
  return value;
}

export function parseFlags(specs: FlagSpec[], argv: string[], env: Record<string, string | undefined> = {}): ParsedFlags {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const values: Record<string, FlagValue> = {};
  const explicit = new Set<string>();
  for (const spec of specs) {
    const fromEnv = env[envName(spec)];
    if (fromEnv !== undefined && fromEnv !== '') {
      values[spec.name] = convert(spec, fromEnv, `environment variable ${envName(spec)} (flag -${spec.name})`);
      explicit.add(spec.name);
    } else {
      values[spec.name] = spec.default;
    }
  }
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    if (name === 'h' || name === 'help') throw new HelpRequested();
    const spec = byName.get(name);
    if (!spec) throw new FlagError(`flag provided but not defined: -${name}`, name);
    let raw: string;
    if (eq >= 0) raw = body.slice(eq + 1);
    else if (spec.type === 'bool') raw = 'true';
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new FlagError(`flag needs an argument: -${name}`, name);
      raw = next;
      i++;
    }
    values[name] = convert(spec, raw, `flag -${name}`);
    explicit.add(name);
  }
  return { values, explicit, rest: argv.slice(i) };
}

/** Usage in the format Go's flag package prints, flags sorted by name. */
export function formatUsage(program: string, specs: FlagSpec[]): string {
  const lines = [`Usage of ${program}:`];
  for (const spec of [...specs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    lines.push(spec.type === 'bool' ? `  -${spec.name}` : `  -${spec.name} ${spec.type}`);
    let usage = `        ${spec.usage}`;
    if (spec.type === 'string' && spec.default !== '') usage += ` (default ${JSON.stringify(spec.default)})`;
    if (spec.type === 'int' && spec.default !== 0) usage += ` (default ${spec.default})`;
    if (spec.type === 'bool' && spec.default === true) usage += ' (default true)';
    lines.push(usage);
  }
  return `${lines.join('\n')}\n`;
}
