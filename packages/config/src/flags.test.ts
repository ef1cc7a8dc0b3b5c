import { describe, expect, it } from '@jest/globals';
import { FlagError, HelpRequested, formatUsage, parseFlags } from './flags.js';
import { commonFlags, meshConfigFrom } from './service-config.js';

/** The usage block the flow-manager seed prints, verbatim. */
const SEED_USAGE = `Usage of ./flow-manager:
  -dbDSN string
        database dsn for flow-manager. (default "testid:testpassword@tcp(127.0.0.1:3306)/test")
  -prom_endpoint string
        endpoint for prometheus metric collecting. (default "/metrics")
  -prom_listen_addr string
        endpoint for prometheus metric collecting. (default ":2112")
  -rabbit_addr string
        rabbitmq service address. (default "amqp://guest:guest@localhost:5672")
  -rabbit_exchange_delay string
        rabbitmq exchange name for delayed messaging. (default "bin-manager.delay")
  -rabbit_queue_event string
        rabbitmq queue name for event notify (default "bin-manager.flow-manager.event")
  -rabbit_queue_listen string
        rabbitmq queue name for request listen (default "bin-manager.flow-manager.request")
  -redis_addr string
        redis address. (default "127.0.0.1:6379")
  -redis_db int
        redis database. (default 1)
  -redis_password string
        redis password
`;

describe('usage', () => {
  it("prints every one of the seed's flags exactly as the seed shows, in its order", () => {
    const usage = formatUsage('./flow-manager', commonFlags('flow-manager'));
    const seedLines = SEED_USAGE.trimEnd().split('\n');
    const ours = usage.trimEnd().split('\n');
    expect(ours[0]).toBe(seedLines[0]);
    // Our extra flags (-rabbit_namespace, -log_level) may sit between; the seed's lines keep their order.
    let at = 0;
    for (const line of seedLines) {
      at = ours.indexOf(line, at);
      expect(at).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('parseFlags', () => {
  const specs = commonFlags('flow-manager');

  it("takes Go's single-dash style, double dashes and name=value", () => {
    const { values, explicit } = parseFlags(specs, ['-redis_db', '3', '--rabbit_addr=amqp://u:p@h:5672', '-prom_listen_addr=:9000']);
    expect(values).toMatchObject({ redis_db: 3, rabbit_addr: 'amqp://u:p@h:5672', prom_listen_addr: ':9000', dbDSN: 'testid:testpassword@tcp(127.0.0.1:3306)/test' });
    expect([...explicit].sort()).toEqual(['prom_listen_addr', 'rabbit_addr', 'redis_db']);
  });

  it('reads the environment, and a flag wins over it', () => {
    const env = { DB_DSN: 'root:@tcp(127.0.0.1:3306)/env', REDIS_ADDR: '10.0.0.1:6380' };
    expect(parseFlags(specs, [], env).values).toMatchObject({ dbDSN: 'root:@tcp(127.0.0.1:3306)/env', redis_addr: '10.0.0.1:6380' });
    expect(parseFlags(specs, ['-redis_addr', '127.0.0.1:7000'], env).values.redis_addr).toBe('127.0.0.1:7000');
  });

  it.each([
    [['-redis_db', 'abc'], 'redis_db', /-redis_db.*not an integer/],
    [['-dbDSN', 'nonsense'], 'dbDSN', /-dbDSN/],
    [['-rabbit_addr', 'http://x'], 'rabbit_addr', /-rabbit_addr.*http:/],
    [['-prom_listen_addr', 'nowhere'], 'prom_listen_addr', /-prom_listen_addr/],
    [['-redis_addr', 'host-without-port'], 'redis_addr', /-redis_addr/],
    [['-nope', '1'], 'nope', /not defined: -nope/],
    [['-redis_db'], 'redis_db', /needs an argument/],
  ])('refuses %j naming the flag', (argv, flag, message) => {
    try {
      parseFlags(specs, argv);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(FlagError);
      expect((error as FlagError).flag).toBe(flag);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('refuses a bad environment value naming the variable and the flag', () => {
    expect(() => parseFlags(specs, [], { REDIS_DB: 'x' })).toThrow(/REDIS_DB.*-redis_db/);
  });

  it('asks for help on -h, -help and --help', () => {
    for (const arg of ['-h', '-help', '--help']) expect(() => parseFlags(specs, [arg])).toThrow(HelpRequested);
  });
});

describe('meshConfigFrom', () => {
  it('derives every name from the namespace unless a flag names it', () => {
    const specs = commonFlags('flow-manager');
    const parsed = parseFlags(specs, ['-rabbit_namespace', 'acme', '-rabbit_queue_event', 'custom.event']);
    const config = meshConfigFrom('flow-manager', parsed.values, parsed.explicit);
    expect(config).toMatchObject({
      namespace: 'acme',
      queueListen: 'acme.flow-manager.request',
      queueEvent: 'custom.event',
      exchangeDelay: 'acme.delay',
      database: { kind: 'mysql', user: 'testid', password: 'testpassword', host: '127.0.0.1', port: 3306, database: 'test' },
      cache: { kind: 'redis', host: '127.0.0.1', port: 6379 },
      redisDb: 1,
    });
  });

  it('runs on the embedded stand-ins when no address is given under npm start', () => {
    const specs = commonFlags('platform', { embeddedByDefault: true });
    const parsed = parseFlags(specs, []);
    expect(meshConfigFrom('flow-manager', parsed.values, parsed.explicit)).toMatchObject({
      broker: { kind: 'embedded' },
      database: { kind: 'embedded' },
      cache: { kind: 'embedded' },
      queueListen: 'bin-manager.flow-manager.request',
    });
  });
});

describe('-log_format', () => {
  const specs = (stdoutIsTty: boolean) => commonFlags('flow-manager', { stdoutIsTty });

  it('is pretty on a terminal and json otherwise, unless the flag or LOG_FORMAT says', () => {
    const read = (stdoutIsTty: boolean, argv: string[], env: Record<string, string> = {}) => {
      const { values, explicit } = parseFlags(specs(stdoutIsTty), argv, env);
      return meshConfigFrom('flow-manager', values, explicit).logFormat;
    };
    expect(read(true, [])).toBe('pretty');
    expect(read(false, [])).toBe('json');
    expect(read(true, ['-log_format', 'json'])).toBe('json');
    expect(read(false, ['-log_format=pretty'])).toBe('pretty');
    expect(read(true, [], { LOG_FORMAT: 'json' })).toBe('json');
    expect(read(false, ['-log_format', 'pretty'], { LOG_FORMAT: 'json' })).toBe('pretty');
  });

  it('refuses any other value naming the flag or the variable', () => {
    expect(() => parseFlags(specs(false), ['-log_format', 'xml'])).toThrow(new FlagError('invalid value "xml" for flag -log_format: use pretty or json', 'log_format'));
    expect(() => parseFlags(specs(false), [], { LOG_FORMAT: 'text' })).toThrow(
      'invalid value "text" for environment variable LOG_FORMAT (flag -log_format): use pretty or json',
    );
  });

  it('is listed by -h with its default', () => {
    const usage = formatUsage('./flow-manager', specs(false));
    expect(usage).toContain('  -log_format string\n        log format: pretty (readable lines) or json (one JSON object a line); pretty when stdout is a terminal, json otherwise. (default "json")\n');
  });
});
