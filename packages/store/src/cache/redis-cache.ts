import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Cache, TokenTake } from './cache.js';

/** One server by address, or the master of `masterName` as Sentinel reports it (and follows it on failover). */
export type RedisCacheOptions = RedisCacheCommon & ({ host: string; port: number; tls?: boolean } | { sentinels: { host: string; port: number }[]; masterName: string; sentinelPassword?: string });

interface RedisCacheCommon {
  db: number;
  password?: string;
  /** Prepended to every key, so services and test suites sharing a server stay apart. */
  keyPrefix?: string;
}

/** Deletes the key only when it still holds our token: a lock that expired may have a new owner. */
const RELEASE_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
/** Writes KEYS[1] (value ARGV[1], expiry ARGV[2] ms), then releases the lock KEYS[2] held by token ARGV[3]. */
const SET_RELEASE_SCRIPT =
  "redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) if redis.call('get', KEYS[2]) == ARGV[3] then return redis.call('del', KEYS[2]) else return 0 end";

/**
 * `gcra` (see cache.ts) on the server, on the server's clock so replicas agree on now.
 * KEYS[1] the bucket; ARGV[1] ms per token; ARGV[2] burst. Returns {allowed, retry ms}.
 */
const TAKE_TOKEN_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local interval = tonumber(ARGV[1])
local burst = math.max(1, tonumber(ARGV[2]))
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local nextTat = tat + interval
local over = nextTat - now - burst * interval
if over > 0 then return {0, math.ceil(over)} end
redis.call('SET', KEYS[1], tostring(nextTat), 'PX', math.max(1, math.ceil(nextTat - now)))
return {1, 0}`;

type ScriptedRedis = Redis & {
  setAndRelease(key: string, lockKey: string, value: string, ttlMs: number, token: string): Promise<unknown>;
  takeToken(key: string, intervalMs: number, burst: number): Promise<[number, number]>;
};

export class RedisCache implements Cache {
  private readonly redis: Redis;

  constructor(options: RedisCacheOptions) {
    const where =
      'sentinels' in options
        ? {
            sentinels: options.sentinels,
            name: options.masterName,
            ...(options.sentinelPassword ? { sentinelPassword: options.sentinelPassword } : {}),
            // A sentinel that answers with an address that is not a master (mid-failover) is asked again.
            sentinelRetryStrategy: (attempt: number) => Math.min(2000, 50 * 2 ** attempt),
          }
        : { host: options.host, port: options.port, ...(options.tls ? { tls: {} } : {}) };
    this.redis = new Redis({
      ...where,
      db: options.db,
      ...(options.password ? { password: options.password } : {}),
      keyPrefix: options.keyPrefix ?? '',
      lazyConnect: true,
      // Fail a command after a couple of reconnect attempts rather than hold it forever.
      maxRetriesPerRequest: 2,
      retryStrategy: (attempt) => Math.min(2000, 50 * 2 ** attempt),
      // Closing while the server is gone ends an already-dead socket, whose 'close' never
      // comes again: ioredis then holds the process for this long before destroying it.
      disconnectTimeout: 100,
      // Commands issued in one turn of the event loop go out as one write (and their
      // replies come back in one read): under load that is one system call, not dozens.
      enableAutoPipelining: true,
    });
    this.redis.on('error', () => undefined);
    // Sent by its digest once the server knows it (EVALSHA), by its text the first time.
    this.redis.defineCommand('setAndRelease', { numberOfKeys: 2, lua: SET_RELEASE_SCRIPT });
    this.redis.defineCommand('takeToken', { numberOfKeys: 1, lua: TAKE_TOKEN_SCRIPT });
  }

  async connect(): Promise<void> {
    await this.redis.connect();
  }

  async get(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) await this.redis.set(key, value);
    else await this.redis.set(key, value, 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async del(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async acquireLock(key: string, ttlMs: number): Promise<string | null> {
    const token = randomUUID();
    const got = await this.redis.set(key, token, 'PX', Math.max(1, Math.round(ttlMs)), 'NX');
    return got === 'OK' ? token : null;
  }

  async releaseLock(key: string, token: string): Promise<boolean> {
    const released = await this.redis.eval(RELEASE_SCRIPT, 1, key, token);
    return Number(released) === 1;
  }

  async setAndReleaseLock(key: string, value: string, ttlMs: number, lockKey: string, token: string): Promise<boolean> {
    const released = await (this.redis as ScriptedRedis).setAndRelease(key, lockKey, value, Math.max(1, Math.round(ttlMs)), token);
    return Number(released) === 1;
  }

  async takeToken(key: string, ratePerSecond: number, burst: number): Promise<TokenTake> {
    const [allowed, retryAfterMs] = await (this.redis as ScriptedRedis).takeToken(key, 1000 / ratePerSecond, burst);
    return { allowed: Number(allowed) === 1, retryAfterMs: Number(retryAfterMs) };
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
    // While reconnecting, quit() resolves at once and leaves the reconnect timer running.
    if (this.redis.status !== 'end') this.redis.disconnect();
  }
}
