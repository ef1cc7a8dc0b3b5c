import {
  checkListenAddr,
  parseBrokerAddr,
  parseDsn,
  parseHostPorts,
  parseRedisAddr,
  type BrokerTarget,
  type CacheTarget,
  type DatabaseTarget,
} from './addresses.js';
import { FlagError, HelpRequested, formatUsage, parseFlags, type FlagSpec, type FlagValue } from './flags.js';

export const DEFAULT_NAMESPACE = 'bin-manager';

/** What every service reads from its flags: where the broker, database and cache are. */
export interface MeshConfig {
  service: string;
  namespace: string;
  broker: BrokerTarget;
  queueListen: string;
  queueEvent: string;
  exchangeDelay: string;
  /** `classic`, or `quorum` for every durable queue (replicated across a cluster's nodes). */
  queueType: QueueType;
  /** `-rabbit_publish_wait_ms`: how long a publish waits for a lost connection. */
  publishWaitMs: number;
  /** `-rabbit_reconnect_max_ms`: the cap of the reconnect backoff. */
  reconnectMaxMs: number;
  database: DatabaseTarget;
  pool: DatabasePoolSettings;
  cache: CacheTarget;
  redisDb: number;
  redisPassword: string;
  redisSentinelPassword: string;
  promEndpoint: string;
  promListenAddr: string;
  logLevel: string;
  logFormat: LogFormatName;
}

export type LogFormatName = 'pretty' | 'json';
export type QueueType = 'classic' | 'quorum';

/** The MySQL pool's bounds (`-db_*` flags); 0 means no limit where a flag says so. */
export interface DatabasePoolSettings {
  connectionLimit: number;
  queueLimit: number;
  connectTimeoutMs: number;
  maxIdle: number;
  idleTimeoutMs: number;
}

/**
 * `-log_format`: readable lines for a person at a terminal, JSON lines for whatever
 * collects them, so the default follows where stdout goes.
 */
export function logFormatFlag(stdoutIsTty: boolean | undefined = process.stdout.isTTY): FlagSpec {
  return {
    name: 'log_format',
    type: 'string',
    usage: 'log format: pretty (readable lines) or json (one JSON object a line); pretty when stdout is a terminal, json otherwise.',
    default: stdoutIsTty ? 'pretty' : 'json',
    check: (v) => (v === 'pretty' || v === 'json' ? undefined : 'use pretty or json'),
  };
}


function refusing(parse: (value: string) => unknown): (value: FlagValue) => string | undefined {
  return (value) => {
    try {
      parse(String(value));
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };
}

export interface CommonFlagOptions {
  /** Empty defaults for the addresses, so that nothing given means the embedded stand-ins (`npm start`). */
  embeddedByDefault?: boolean;
  /** Whether stdout is a terminal (the `-log_format` default); process.stdout's when left out. */
  stdoutIsTty?: boolean;
}

const atLeast = (min: number) => (v: FlagValue) => (Number(v) >= min ? undefined : `must be at least ${min}`);

/** The MySQL pool: how many connections, how many callers may wait for one, how long opening one may take and keeping an idle one. */
const databasePoolFlags: FlagSpec[] = [
  { name: 'db_pool_limit', type: 'int', usage: 'most MySQL connections this process opens.', default: 10, check: atLeast(1) },
  { name: 'db_queue_limit', type: 'int', usage: 'most queries waiting for a free MySQL connection before more are refused (0: no limit).', default: 0, check: atLeast(0) },
  { name: 'db_connect_timeout_ms', type: 'int', usage: 'how long opening a MySQL connection may take.', default: 10_000, check: atLeast(1) },
  { name: 'db_max_idle', type: 'int', usage: 'MySQL connections kept open while unused; those beyond it close after -db_idle_timeout_ms.', default: 10, check: atLeast(0) },
  { name: 'db_idle_timeout_ms', type: 'int', usage: 'how long an unused MySQL connection beyond -db_max_idle is kept open.', default: 60_000, check: atLeast(1) },
];

/** The seed's flags, with its wording and defaults, for the named service. */
export function commonFlags(service: string, options: CommonFlagOptions = {}): FlagSpec[] {
  const embedded = options.embeddedByDefault ?? false;
  return [
    {
      name: 'dbDSN',
      type: 'string',
      usage: `database dsn for ${service}.`,
      default: embedded ? '' : 'testid:testpassword@tcp(127.0.0.1:3306)/test',
      check: refusing(parseDsn),
    },
    { name: 'prom_endpoint', type: 'string', usage: 'endpoint for prometheus metric collecting.', default: '/metrics', check: (v) => (String(v).startsWith('/') ? undefined : 'must start with /') },
    { name: 'prom_listen_addr', type: 'string', usage: 'endpoint for prometheus metric collecting.', default: ':2112', check: (v) => checkListenAddr(String(v)) },
    {
      name: 'rabbit_addr',
      type: 'string',
      usage: 'rabbitmq service address.',
      default: embedded ? '' : 'amqp://guest:guest@localhost:5672',
      check: refusing(parseBrokerAddr),
    },
    { name: 'rabbit_exchange_delay', type: 'string', usage: 'rabbitmq exchange name for delayed messaging.', default: `${DEFAULT_NAMESPACE}.delay` },
    { name: 'rabbit_namespace', type: 'string', usage: 'prefix of every rabbitmq queue and exchange name not given by its own flag.', default: DEFAULT_NAMESPACE, check: (v) => (/^[A-Za-z0-9_.-]+$/.test(String(v)) ? undefined : 'use letters, digits, _ . -') },
    { name: 'rabbit_queue_event', type: 'string', usage: 'rabbitmq queue name for event notify', default: `${DEFAULT_NAMESPACE}.${service}.event` },
    { name: 'rabbit_queue_listen', type: 'string', usage: 'rabbitmq queue name for request listen', default: `${DEFAULT_NAMESPACE}.${service}.request` },
    {
      name: 'rabbit_queue_type',
      type: 'string',
      usage: 'how durable queues are declared: classic, or quorum (replicated on a RabbitMQ cluster; existing classic queues must be deleted first).',
      default: 'classic',
      check: (v) => (v === 'classic' || v === 'quorum' ? undefined : 'use classic or quorum'),
    },
    {
      name: 'rabbit_publish_wait_ms',
      type: 'int',
      usage: 'how long a publish waits for a lost broker connection to come back before it fails (events are held meanwhile).',
      default: 15_000,
      check: (v) => (Number(v) >= 0 ? undefined : 'must be 0 or more'),
    },
    {
      name: 'rabbit_reconnect_max_ms',
      type: 'int',
      usage: 'the longest wait between rounds of reconnect attempts (the wait doubles from 100 ms up to it).',
      default: 1000,
      check: (v) => (Number(v) >= 100 ? undefined : 'must be at least 100'),
    },
    ...databasePoolFlags,
    { name: 'redis_addr', type: 'string', usage: 'redis address.', default: embedded ? '' : '127.0.0.1:6379', check: refusing(parseRedisAddr) },
    {
      name: 'redis_sentinels',
      type: 'string',
      usage: 'redis sentinels, host:port comma-separated; when given the master is asked of them and -redis_addr is not used.',
      default: '',
      check: (v) => (String(v) === '' ? undefined : refusing(parseHostPorts)(v)),
    },
    { name: 'redis_master_name', type: 'string', usage: 'the master name the sentinels monitor.', default: 'mymaster', check: (v) => (String(v).trim() === '' ? 'must not be empty' : undefined) },
    { name: 'redis_sentinel_password', type: 'string', usage: 'password of the sentinels themselves (the master takes -redis_password).', default: '' },
    { name: 'redis_db', type: 'int', usage: 'redis database.', default: 1, check: (v) => (Number(v) >= 0 && Number(v) <= 15 ? undefined : 'must be 0..15') },
    { name: 'redis_password', type: 'string', usage: 'redis password', default: '' },
    { name: 'log_level', type: 'string', usage: 'log level: trace, debug, info, warn, error or silent.', default: 'info', check: (v) => (['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'].includes(String(v)) ? undefined : 'unknown level') },
    logFormatFlag(options.stdoutIsTty),
  ];
}

/** Turns parsed flag values into the config, deriving names from the namespace. */
export function meshConfigFrom(service: string, values: Record<string, FlagValue>, explicit: Set<string>): MeshConfig {
  const namespace = String(values.rabbit_namespace);
  const named = (flag: string, derived: string) => (explicit.has(flag) ? String(values[flag]) : derived);
  return {
    service,
    namespace,
    broker: parseBrokerAddr(String(values.rabbit_addr)),
    queueListen: named('rabbit_queue_listen', `${namespace}.${service}.request`),
    queueEvent: named('rabbit_queue_event', `${namespace}.${service}.event`),
    exchangeDelay: named('rabbit_exchange_delay', `${namespace}.delay`),
    queueType: values.rabbit_queue_type === 'quorum' ? 'quorum' : 'classic',
    publishWaitMs: Number(values.rabbit_publish_wait_ms ?? 15_000),
    reconnectMaxMs: Number(values.rabbit_reconnect_max_ms ?? 1000),
    database: parseDsn(String(values.dbDSN)),
    pool: {
      connectionLimit: Number(values.db_pool_limit ?? 10),
      queueLimit: Number(values.db_queue_limit ?? 0),
      connectTimeoutMs: Number(values.db_connect_timeout_ms ?? 10_000),
      maxIdle: Number(values.db_max_idle ?? 10),
      idleTimeoutMs: Number(values.db_idle_timeout_ms ?? 60_000),
    },
    cache: cacheTargetFrom(values),
    redisDb: Number(values.redis_db),
    redisPassword: String(values.redis_password),
    redisSentinelPassword: String(values.redis_sentinel_password ?? ''),
    promEndpoint: String(values.prom_endpoint),
    promListenAddr: String(values.prom_listen_addr),
    logLevel: String(values.log_level),
    logFormat: values.log_format === 'pretty' ? 'pretty' : 'json',
  };
}

/** The sentinels when given, else the one server of `-redis_addr`. */
function cacheTargetFrom(values: Record<string, FlagValue>): CacheTarget {
  const sentinels = String(values.redis_sentinels ?? '');
  if (sentinels === '') return parseRedisAddr(String(values.redis_addr));
  return { kind: 'sentinel', sentinels: parseHostPorts(sentinels), masterName: String(values.redis_master_name ?? 'mymaster') };
}

export interface CommandLine {
  values: Record<string, FlagValue>;
  explicit: Set<string>;
  rest: string[];
}

/**
 * Reads the command line the way a Go binary does: `-h` prints usage and exits 0, a
 * bad or unknown flag prints the reason and the usage and exits 2.
 */
export function readCommandLine(
  program: string,
  specs: FlagSpec[],
  argv: string[] = process.argv.slice(2),
  env: Record<string, string | undefined> = process.env,
): CommandLine {
  try {
    return parseFlags(specs, argv, env);
  } catch (error) {
    if (error instanceof HelpRequested) {
      process.stdout.write(formatUsage(program, specs));
      process.exit(0);
    }
    if (error instanceof FlagError) {
      process.stderr.write(`${error.message}\n${formatUsage(program, specs)}`);
      process.exit(2);
    }
    throw error;
  }
}
