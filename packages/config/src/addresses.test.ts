import { describe, expect, it } from '@jest/globals';
import { parseBrokerAddr, parseDsn, parseHostPorts, parseRedisAddr } from './addresses.js';
import { commonFlags, meshConfigFrom } from './service-config.js';
import { FlagError, parseFlags } from './flags.js';

describe('parseDsn', () => {
  it("reads Go's DSN as the seed writes it", () => {
    expect(parseDsn('bin-manager:398e02d8-8aaa-11ea-b1f6-9b65a2a4f3a3@tcp(10.126.80.5:3306)/bin_manager')).toEqual({
      kind: 'mysql',
      user: 'bin-manager',
      password: '398e02d8-8aaa-11ea-b1f6-9b65a2a4f3a3',
      host: '10.126.80.5',
      port: 3306,
      database: 'bin_manager',
    });
  });

  it('keeps an @ inside the password and reads parameters and defaults', () => {
    expect(parseDsn('u:p@ss@tcp(db)/x?parseTime=true')).toMatchObject({ user: 'u', password: 'p@ss', host: 'db', port: 3306, database: 'x' });
    expect(parseDsn('root:@tcp(127.0.0.1:3307)/voxmesh')).toMatchObject({ user: 'root', password: '', port: 3307 });
  });

  it('reads a mysql:// URL', () => {
    expect(parseDsn('mysql://root:s%40cret@127.0.0.1:3306/voxmesh')).toMatchObject({ user: 'root', password: 's@cret', database: 'voxmesh' });
  });

  it('takes embedded and empty as the embedded database', () => {
    expect(parseDsn('embedded')).toEqual({ kind: 'embedded' });
    expect(parseDsn('')).toEqual({ kind: 'embedded' });
    expect(parseDsn('embedded:memory')).toEqual({ kind: 'embedded' });
  });

  it.each(['nonsense', 'u:p@tcp(h:1)', 'mysql://h:1/'])('refuses %s with the reason', (dsn) => {
    expect(() => parseDsn(dsn)).toThrow(/expected|database|URL/);
  });
});

describe('broker and redis addresses', () => {
  it('accepts amqp and amqps URLs only', () => {
    expect(parseBrokerAddr('amqp://guest:guest@localhost:5672')).toEqual({ kind: 'amqp', urls: ['amqp://guest:guest@localhost:5672'] });
    expect(() => parseBrokerAddr('localhost:5672')).toThrow();
  });

  it('reads the nodes of a cluster, comma-separated, keeping a comma inside a password', () => {
    expect(parseBrokerAddr('amqp://u:p@rabbit-0:5672, amqps://u:a,b@rabbit-1:5671')).toEqual({
      kind: 'amqp',
      urls: ['amqp://u:p@rabbit-0:5672', 'amqps://u:a,b@rabbit-1:5671'],
    });
  });

  it('names the bad node of a list without its password', () => {
    expect(() => parseBrokerAddr('amqp://u:secret@rabbit-0:5672,http://u:secret@rabbit-1')).toThrow('http://u:***@rabbit-1: scheme http: is not amqp: or amqps:');
  });

  it('reads sentinels as host:port, comma-separated', () => {
    expect(parseHostPorts('10.0.0.1:26379, sentinel-1:26379,[::1]:26380')).toEqual([
      { host: '10.0.0.1', port: 26379 },
      { host: 'sentinel-1', port: 26379 },
      { host: '::1', port: 26380 },
    ]);
    expect(() => parseHostPorts('a:1,,b')).toThrow('b is not host:port');
    expect(() => parseHostPorts(' , ')).toThrow('at least one');
  });

  it('accepts host:port and redis URLs', () => {
    expect(parseRedisAddr('10.164.15.220:6379')).toEqual({ kind: 'redis', host: '10.164.15.220', port: 6379, tls: false });
    expect(parseRedisAddr('rediss://cache:6380')).toEqual({ kind: 'redis', host: 'cache', port: 6380, tls: true });
    expect(() => parseRedisAddr('cache:99999')).toThrow(/port/);
  });
});

describe('cluster flags', () => {
  const read = (argv: string[]) => {
    const { values, explicit } = parseFlags(commonFlags('flow-manager'), argv, {});
    return meshConfigFrom('flow-manager', values, explicit);
  };

  it('defaults to classic queues, one Redis server and a pool of 10', () => {
    const config = read([]);
    expect(config.queueType).toBe('classic');
    expect(config).toMatchObject({ publishWaitMs: 15_000, reconnectMaxMs: 1000 });
    expect(config.cache).toEqual({ kind: 'redis', host: '127.0.0.1', port: 6379, tls: false });
    expect(config.pool).toEqual({ connectionLimit: 10, queueLimit: 0, connectTimeoutMs: 10_000, maxIdle: 10, idleTimeoutMs: 60_000 });
  });

  it('takes quorum queues, sentinels and the pool bounds from flags and the environment', () => {
    const { values, explicit } = parseFlags(
      commonFlags('flow-manager'),
      ['-rabbit_queue_type', 'quorum', '-redis_sentinels', 's0:26379,s1:26379', '-db_pool_limit', '40', '-db_queue_limit', '500', '-rabbit_publish_wait_ms', '30000'],
      { REDIS_MASTER_NAME: 'voxmesh', DB_CONNECT_TIMEOUT_MS: '2000', DB_IDLE_TIMEOUT_MS: '5000', DB_MAX_IDLE: '4' },
    );
    const config = meshConfigFrom('flow-manager', values, explicit);
    expect(config.queueType).toBe('quorum');
    expect(config.publishWaitMs).toBe(30_000);
    expect(config.cache).toEqual({ kind: 'sentinel', sentinels: [{ host: 's0', port: 26379 }, { host: 's1', port: 26379 }], masterName: 'voxmesh' });
    expect(config.pool).toEqual({ connectionLimit: 40, queueLimit: 500, connectTimeoutMs: 2000, maxIdle: 4, idleTimeoutMs: 5000 });
  });

  it.each([
    [['-rabbit_queue_type', 'stream'], /rabbit_queue_type.*classic or quorum/],
    [['-redis_sentinels', 's0'], /redis_sentinels.*s0 is not host:port/],
    [['-redis_master_name', ' '], /redis_master_name.*must not be empty/],
    [['-db_pool_limit', '0'], /db_pool_limit.*at least 1/],
    [['-db_queue_limit', '-1'], /db_queue_limit.*at least 0/],
    [['-rabbit_reconnect_max_ms', '10'], /rabbit_reconnect_max_ms.*at least 100/],
  ])('refuses %j naming the flag', (argv, reason) => {
    expect(() => parseFlags(commonFlags('flow-manager'), argv, {})).toThrow(FlagError);
    expect(() => parseFlags(commonFlags('flow-manager'), argv, {})).toThrow(reason);
  });
});
