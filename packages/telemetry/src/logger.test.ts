import { describe, expect, it } from '@jest/globals';
import { createLogger, defaultLogFormat, silentLogger, type LogFormat } from './logger.js';

function capture(format: LogFormat, level = 'debug') {
  const lines: string[] = [];
  const output = { write: (text: string) => void lines.push(text) };
  return { lines, logger: createLogger({ service: 'platform', level, format, output }) };
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('createLogger, json', () => {
  it('names the service once on a line even when children and the line rename it', () => {
    const { lines, logger } = capture('json');
    const service = logger.child({ service: 'customer-manager' });
    service.child({ part: 'accounts' }).info({ service: 'customer-manager', version: 3 }, 'migration applied');
    expect(lines).toHaveLength(1);
    const raw = lines[0]!;
    expect(count(raw, '"service":')).toBe(1);
    expect(raw).toContain('"service":"customer-manager"');
    expect(raw).not.toContain('platform');
    expect(raw).toContain('"part":"accounts"');
    expect(raw).toContain('"msg":"migration applied"');
  });

  it('keeps one of each key when a line repeats a child binding, the line winning', () => {
    const { lines, logger } = capture('json');
    logger.child({ call_id: 'c-1', activeflow_id: 'a-1' }).child({ activeflow_id: 'a-2' }).warn({ call_id: 'c-1', reason: 'x' }, 'moved');
    const raw = lines[0]!;
    for (const key of ['"call_id":', '"activeflow_id":', '"service":', '"level":', '"time":', '"msg":']) expect(count(raw, key)).toBe(1);
    expect(raw).toContain('"activeflow_id":"a-2"');
  });

  it('leaves a binding in place when a line gives the same key as undefined', () => {
    const { lines, logger } = capture('json');
    logger.child({ request_id: 'r-9' }).info({ request_id: undefined }, 'kept');
    expect(lines[0]).toContain('"request_id":"r-9"');
  });

  it('keeps a field named like one of the line\'s own keys beside it, not over it', () => {
    const { lines, logger } = capture('json');
    logger.info({ level: 'loud', msg: 'inner', time: 5 }, 'outer');
    const raw = lines[0]!;
    for (const key of ['"level":', '"msg":', '"time":']) expect(count(raw, key)).toBe(1);
    expect(raw).toContain('"level":"info"');
    expect(raw).toContain('"msg":"outer"');
    expect(raw).toContain('"level_field":"loud"');
    expect(raw).toContain('"msg_field":"inner"');
  });

  it('serializes an error with its message and stack, and lets the level filter lines', () => {
    const { lines, logger } = capture('json', 'warn');
    logger.info('dropped');
    logger.error({ err: new Error('broken pipe') }, 'reply could not be sent');
    logger.error(new Error('bare error'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('"err":{"type":"Error","message":"broken pipe"');
    expect(lines[0]).toContain('"stack":"Error: broken pipe');
    expect(lines[1]).toContain('"msg":"bare error"');
  });

  it('refuses an unknown level', () => {
    expect(() => createLogger({ service: 's', level: 'loud', format: 'json', output: { write: () => undefined } })).toThrow(/unknown log level "loud"/);
  });
});

describe('createLogger, pretty', () => {
  it('writes time, level, service and message, then key=value for the other fields', () => {
    const { lines, logger } = capture('pretty');
    logger.child({ service: 'call-manager' }).child({ call_id: 'c-1' }).info({ number: '+1 555', digits: 3, tags: ['a'] }, 'call answered');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO  call-manager call answered call_id=c-1 number="\+1 555" digits=3 tags=\["a"\]\n$/);
  });

  it('shows an error\'s message on the line and its stack indented below', () => {
    const { lines, logger } = capture('pretty');
    logger.error({ err: new Error('no route') });
    const [first, ...rest] = lines[0]!.split('\n');
    expect(first).toMatch(/ ERROR platform no route err="no route"$/);
    expect(rest[0]).toBe('    Error: no route');
    expect(rest.slice(1, -1).every((line) => line.startsWith('        at '))).toBe(true);
  });

  it('lets the level filter lines, and silent writes nothing', () => {
    const { lines, logger } = capture('pretty', 'info');
    logger.debug('hidden');
    logger.warn('shown');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ WARN  platform shown\n$/);
    const quiet = capture('pretty', 'silent');
    quiet.logger.error('nothing');
    expect(quiet.lines).toHaveLength(0);
  });
});

describe('log format defaults and the silent logger', () => {
  it('is pretty on a terminal and json otherwise', () => {
    expect(defaultLogFormat(true)).toBe('pretty');
    expect(defaultLogFormat(false)).toBe('json');
    expect(defaultLogFormat(undefined)).toBe('json');
  });

  it('silentLogger and its children take every call and write nothing', () => {
    const logger = silentLogger();
    expect(() => logger.child({ a: 1 }).error({ err: new Error('x') }, 'nothing')).not.toThrow();
  });
});
