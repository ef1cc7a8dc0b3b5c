import { describe, expect, it } from '@jest/globals';
import { parseBrokerAddr, parseDsn, parseRedisAddr } from './addresses.js';

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
    expect(parseBrokerAddr('amqp://guest:guest@localhost:5672')).toEqual({ kind: 'amqp', url: 'amqp://guest:guest@localhost:5672' });
    expect(() => parseBrokerAddr('localhost:5672')).toThrow();
  });

  it('accepts host:port and redis URLs', () => {
    expect(parseRedisAddr('10.164.15.220:6379')).toEqual({ kind: 'redis', host: '10.164.15.220', port: 6379, tls: false });
    expect(parseRedisAddr('rediss://cache:6380')).toEqual({ kind: 'redis', host: 'cache', port: 6380, tls: true });
    expect(() => parseRedisAddr('cache:99999')).toThrow(/port/);
  });
});
