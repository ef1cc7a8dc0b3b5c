/**
 * Parsing of the addresses the flags carry. The word `embedded` (or an empty value where
 * a flag's default is empty) selects the in-process stand-in instead of a server.
 */
export const EMBEDDED = 'embedded';

export interface MysqlTarget {
  kind: 'mysql';
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}
/** The embedded database: in a file when `file` is set (`npm start`'s data directory), else in memory. */
export type DatabaseTarget = MysqlTarget | { kind: 'embedded'; file?: string };

/** `-dbDSN embedded:memory` (or plain `embedded`): the embedded database in memory, gone at exit. */
export const EMBEDDED_MEMORY = 'embedded:memory';

/** One or more broker URLs: the nodes of a cluster, tried in turn when a connection is lost. */
export type BrokerTarget = { kind: 'amqp'; urls: string[] } | { kind: 'embedded' };

export interface HostPort {
  host: string;
  port: number;
}

/** One Redis server, or the Sentinels that tell which server is the master of `masterName`. */
export type CacheTarget =
  | { kind: 'redis'; host: string; port: number; tls: boolean }
  | { kind: 'sentinel'; sentinels: HostPort[]; masterName: string }
  | { kind: 'embedded' };

export function isEmbedded(value: string): boolean {
  return value === '' || value === EMBEDDED;
}

/**
 * Go's DSN (`user:pass@tcp(host:port)/db?params`, as the seed writes it) or a URL
 * (`mysql://user:pass@host:port/db`). Throws with the reason when it is neither.
 */
export function parseDsn(dsn: string): DatabaseTarget {
  if (isEmbedded(dsn) || dsn === EMBEDDED_MEMORY) return { kind: 'embedded' };
  if (/^(mysql|mariadb):\/\//.test(dsn)) {
    let url: URL;
    try {
      url = new URL(dsn);
    } catch {
      throw new Error('not a valid mysql:// URL');
    }
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    if (!database) throw new Error('the URL names no database (mysql://user:pass@host:port/<db>)');
    return {
      kind: 'mysql',
      host: url.hostname || '127.0.0.1',
      port: url.port ? Number(url.port) : 3306,
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database,
    };
  }
  // The password may hold '@', so the credentials end at the last '@' before the address.
  const go = /^(?:(.*)@)?(?:tcp\(([^)]*)\))?\/([^?/]+)(?:\?.*)?$/.exec(dsn);
  if (!go) throw new Error("expected user:password@tcp(host:port)/database or mysql://user:password@host:port/database");
  const credentials = go[1] ?? '';
  const colon = credentials.indexOf(':');
  const user = colon >= 0 ? credentials.slice(0, colon) : credentials;
  const password = colon >= 0 ? credentials.slice(colon + 1) : '';
  const address = go[2] && go[2] !== '' ? go[2] : '127.0.0.1:3306';
  const hostPort = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(address);
  if (!hostPort) throw new Error(`cannot read host:port from tcp(${address})`);
  return {
    kind: 'mysql',
    host: hostPort[1] ?? hostPort[2] ?? '127.0.0.1',
    port: hostPort[3] ? Number(hostPort[3]) : 3306,
    user,
    password,
    database: go[3]!,
  };
}

/**
 * `amqp://…` or several, comma-separated (`amqp://u:p@rabbit-0:5672,amqp://u:p@rabbit-1:5672`):
 * a comma only separates where the next URL starts, so one inside a password stays.
 */
export function parseBrokerAddr(addr: string): BrokerTarget {
  if (isEmbedded(addr)) return { kind: 'embedded' };
  const urls = addr
    .split(/,(?=\s*[a-z][a-z0-9+.-]*:\/\/)/i)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (urls.length === 0) throw new Error('expected an amqp:// or amqps:// URL');
  for (const each of urls) checkBrokerUrl(each, urls.length > 1);
  return { kind: 'amqp', urls };
}

function checkBrokerUrl(addr: string, several: boolean): void {
  const which = several ? `${redactPassword(addr)}: ` : '';
  let url: URL;
  try {
    url = new URL(addr);
  } catch {
    throw new Error(`${which}expected an amqp:// or amqps:// URL`);
  }
  if (url.protocol !== 'amqp:' && url.protocol !== 'amqps:') throw new Error(`${which}scheme ${url.protocol} is not amqp: or amqps:`);
  if (!url.hostname) throw new Error(`${which}the URL names no host`);
}

function redactPassword(addr: string): string {
  return addr.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}

/** `host:port[,host:port…]`, for `-redis_sentinels`. */
export function parseHostPorts(value: string): HostPort[] {
  const parts = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) throw new Error('give at least one host:port');
  return parts.map((part) => {
    const target = parseRedisAddr(part);
    if (target.kind !== 'redis' || /^rediss?:/.test(part)) throw new Error(`${part} is not host:port`);
    return { host: target.host, port: target.port };
  });
}

/** `host:port` as the seed writes it, or a redis:// / rediss:// URL. */
export function parseRedisAddr(addr: string): CacheTarget {
  if (isEmbedded(addr)) return { kind: 'embedded' };
  if (/^rediss?:\/\//.test(addr)) {
    const url = new URL(addr);
    return { kind: 'redis', host: url.hostname, port: url.port ? Number(url.port) : 6379, tls: url.protocol === 'rediss:' };
  }
  const match = /^(?:\[([^\]]+)\]|([^:,]+)):(\d{1,5})$/.exec(addr);
  if (!match) throw new Error(`${addr === '' ? 'an empty address' : addr} is not host:port`);
  const port = Number(match[3]);
  if (port < 1 || port > 65535) throw new Error('port must be 1..65535');
  return { kind: 'redis', host: match[1] ?? match[2]!, port, tls: false };
}

export function checkListenAddr(addr: string): string | undefined {
  const match = /^(?:\[[^\]]+\]|[^:]*):(\d{1,5})$/.exec(addr);
  if (!match || Number(match[1]) > 65535) return 'expected [host]:port, e.g. :2112';
  return undefined;
}
