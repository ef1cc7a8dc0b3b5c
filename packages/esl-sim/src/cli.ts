import { readFileSync } from 'node:fs';
import { checkListenAddr, logFormatFlag, type FlagSpec, type FlagValue } from '@voxmesh/config';
import type { Logger } from '@voxmesh/telemetry';
import { emptyRecord, parseJson } from '@voxmesh/wire';
import type { EslSimulatorOptions } from './simulator.js';
import { STOCK_MODULES } from './core/modules.js';

const positiveNumber = (value: FlagValue) => (Number(value) > 0 && Number.isFinite(Number(value)) ? undefined : 'must be a positive number');

/** What `esl-sim -h` says before the flags. */
export const HELP_INTRO = `esl-sim: a FreeSWITCH event socket, simulated.

It listens for event-socket clients as FreeSWITCH does (inbound mode, -esl_listen_addr,
password -esl_password) and, for every simulated call, connects to the application
(-app_addr) as the dialplan \`socket <addr> async full\` does (outbound mode). Calls,
digits and the far ends' behaviour are scripted over HTTP on -control_listen_addr:

  POST /calls {"from", "to", "caller_id_name"?, "variables"?}   -> 201 {"uuid"}
  POST /calls/<uuid>/dtmf {"digits", "interval_ms"?}            press digits
  POST /calls/<uuid>/hangup {"cause"?}                          the caller hangs up
  GET  /calls, GET /calls/<uuid>                                 legs, apps, APIs, events
  PUT  /destinations/<number|*> {"answer": "answer"|"busy"|"no_answer"|"reject",
                                 "after_ms"?, "amd"?: "human"|"machine", "early_media"?}
  GET  /destinations, DELETE /destinations/<number>, GET /metrics, GET /healthz

Time is simulated: with -time_scale 0.01 a 3 s prompt plays in 30 ms.

`;

/** esl-sim's flags, in the Go style of the other binaries. */
export const FLAGS: FlagSpec[] = [
  { name: 'esl_listen_addr', type: 'string', usage: 'where the event socket takes inbound clients (host:port).', default: ':8021', check: (v) => checkListenAddr(String(v)) },
  { name: 'esl_password', type: 'string', usage: 'the event socket password.', default: 'ClueCon' },
  {
    name: 'app_addr',
    type: 'string',
    usage: "the application's outbound socket server (host:port) each call connects to, as `socket <addr> async full`; several (comma-separated or repeated) are tried in order; empty parks calls instead.",
    default: '127.0.0.1:8084',
  },
  { name: 'control_listen_addr', type: 'string', usage: 'where the HTTP control API listens (host:port).', default: ':8022', check: (v) => checkListenAddr(String(v)) },
  { name: 'time_scale', type: 'string', usage: 'real time per simulated time: 0.01 plays a 3 s prompt in 30 ms.', default: '1', check: positiveNumber },
  { name: 'prompt_table', type: 'string', usage: 'JSON file of prompt lengths in ms by path or URL (negative: the file is missing).', default: '' },
  { name: 'default_prompt_ms', type: 'int', usage: 'length of a prompt missing from the table, in ms.', default: 2000, check: (v) => (Number(v) >= 0 ? undefined : 'must not be negative') },
  {
    name: 'extra_modules',
    type: 'string',
    usage: 'modules loaded beside the stock ones (comma-separated): mod_amd, mod_audio_fork, mod_http_cache, or mod_<engine> for a TTS engine.',
    default: '',
  },
  { name: 'keep_calls', type: 'int', usage: 'how many ended calls the control API keeps.', default: 10000, check: (v) => (Number(v) >= 0 ? undefined : 'must not be negative') },
  { name: 'hostname', type: 'string', usage: "FreeSWITCH-Hostname on events (default: this host's name).", default: '' },
  { name: 'log_level', type: 'string', usage: 'log level: trace, debug, info, warn, error or silent.', default: 'info' },
  logFormatFlag(),
];

/** Go's flag package keeps the last of a repeated flag; -app_addr collects them all instead. */
export function mergeRepeated(argv: string[], name: string): string[] {
  const values: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = new RegExp(`^--?${name}(?:=(.*))?$`).exec(arg);
    if (!match) {
      rest.push(arg);
      continue;
    }
    if (match[1] !== undefined) values.push(match[1]);
    else if (i + 1 < argv.length) values.push(argv[++i]!);
  }
  return values.length === 0 ? argv : [`-${name}=${values.join(',')}`, ...rest];
}

export function readPromptTable(path: string): Record<string, number> {
  if (path === '') return {};
  const parsed: unknown = parseJson(readFileSync(path, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${path}: expected an object of prompt lengths`);
  const table = emptyRecord<number>();
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'number') throw new Error(`${path}: the length of ${key} is not a number`);
    table[key] = value;
  }
  return table;
}

/** The simulator's options from parsed flag values. */
export function optionsFromFlags(values: Record<string, FlagValue>, logger: Logger): EslSimulatorOptions {
  const options: EslSimulatorOptions = {
    eslListenAddr: String(values.esl_listen_addr),
    eslPassword: String(values.esl_password),
    appAddrs: String(values.app_addr)
      .split(',')
      .map((addr) => addr.trim())
      .filter((addr) => addr !== ''),
    controlListenAddr: String(values.control_listen_addr),
    timeScale: Number(values.time_scale),
    prompts: readPromptTable(String(values.prompt_table)),
    defaultPromptMs: Number(values.default_prompt_ms),
    keepEndedCalls: Number(values.keep_calls),
    logger,
  };
  if (String(values.hostname) !== '') options.hostname = String(values.hostname);
  const extra = String(values.extra_modules)
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (extra.length > 0) options.modules = [...STOCK_MODULES, ...extra];
  return options;
}
