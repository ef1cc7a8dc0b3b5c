import { describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import type { Action } from '../contract.js';
import { compileCallflow } from './compiler.js';

function byId(actions: Action[]) {
  return new Map(actions.map((action) => [action.id, action]));
}

/** Follows the compiled graph from the first action, taking `next_id` or the next element. */
function path(actions: Action[]): string[] {
  const ids = byId(actions);
  const seen: string[] = [];
  let at: Action | undefined = actions[0];
  while (at && seen.length < 50) {
    seen.push(at.type);
    if (at.type === 'stop') break;
    at = at.next_id !== undefined ? ids.get(at.next_id) : actions[actions.indexOf(at) + 1];
  }
  return seen;
}

describe('Kazoo callflow compiler', () => {
  it('chains modules through their `_` children, ending in a stop where the tree ends', () => {
    const actions = compileCallflow({
      module: 'answer',
      children: { _: { module: 'tts', data: { text: 'hello', voice: 'female', language: 'en-US' }, children: { _: { module: 'sleep', data: { duration: 2 } } } } },
    });
    expect(path(actions)).toEqual(['answer', 'talk', 'sleep', 'stop']);
    expect(actions.find((action) => action.type === 'talk')!.option).toEqual({ text: 'hello', gender: 'female', language: 'en-US' });
    expect(actions.find((action) => action.type === 'sleep')!.option).toEqual({ duration: 2000 });
  });

  it("branches on the module's result for children other than `_`", () => {
    const actions = compileCallflow({
      module: 'collect_dtmf',
      data: { max_digits: 2, collection_name: 'pin' },
      children: { '12': { module: 'hangup' }, _: { module: 'play', data: { id: 'http://m/x.wav' } } },
    });
    const branch = actions.find((action) => action.type === 'branch')!;
    expect(branch.option).toMatchObject({ variable: 'voipbin.call.digits' });
    const targets = (branch.option as { target_ids: Record<string, string>; default_target_id: string });
    expect(byId(actions).get(targets.target_ids['12']!)!.type).toBe('hangup');
    expect(byId(actions).get(targets.default_target_id)!.type).toBe('play');
    expect(actions.find((action) => action.type === 'variable_set' && (action.option as { key: string }).key === 'kazoo.collected.pin')).toBeDefined();
  });

  it('compiles a menu into prompt, collect, branch and a bounded retry', () => {
    const actions = compileCallflow({
      module: 'menu',
      data: { retries: 3, timeout: 5000, max_extension_length: 1, media: { greeting: 'g.wav' } },
      children: { '1': { module: 'hangup' }, timeout: { module: 'tts', data: { text: 'bye' } } },
    });
    const retry = actions.find((action) => action.type === 'goto')!;
    expect(retry.option).toMatchObject({ target_id: actions[0]!.id, loop_count: 2 });
    expect(byId(actions).get(retry.next_id!)!.type).toBe('talk');
    expect(actions.find((action) => action.type === 'digits_receive')!.option).toEqual({ duration: 5000, length: 1, key: '#' });
  });

  it('compiles temporal rules into condition_datetime chains, falling back to `_`', () => {
    const actions = compileCallflow({
      module: 'temporal_route',
      data: { timezone: 'America/New_York', rules: [{ id: 'open', wdays: ['monday', 'friday'], time_window_start: 32400, time_window_end: 61200 }] },
      children: { open: { module: 'tts', data: { text: 'open' } }, _: { module: 'tts', data: { text: 'closed' } } },
    });
    const checks = actions.filter((action) => action.type === 'condition_datetime');
    expect(checks.map((check) => check.option)).toEqual([
      expect.objectContaining({ condition: '==', weekdays: [1, 5], timezone: 'America/New_York' }),
      expect.objectContaining({ condition: '>=', hour: 9, minute: 0 }),
      expect.objectContaining({ condition: '<', hour: 17, minute: 0 }),
    ]);
    const ids = byId(actions);
    const closed = (checks[0]!.option as { false_target_id: string }).false_target_id;
    expect(ids.get(closed)!.option).toEqual({ text: 'closed' });
    expect(ids.get(checks[2]!.next_id!)!.option).toEqual({ text: 'open' });
  });

  it('maps callflow, record_call, set_cid, prepend_cid, webhook, say', () => {
    const types = (module: string, data: Record<string, unknown>) => compileCallflow({ module, data }).map((action) => [action.type, action.option]);
    expect(types('callflow', { id: 'cf1' })[0]).toEqual(['fetch_flow', { flow_id: 'cf1' }]);
    expect(types('record_call', { action: 'start', format: 'mp3', time_limit: 60 })[0]).toEqual(['recording_start', { format: 'mp3', duration: 60 }]);
    expect(types('record_call', { action: 'stop' })[0]).toEqual(['recording_stop', {}]);
    expect(types('set_cid', { caller_id_number: '+15551234' })[0]).toEqual(['variable_set', { key: 'voipbin.call.caller_id_number', value: '+15551234' }]);
    expect(types('prepend_cid', { caller_id_name_prefix: 'VIP ' })[0]).toEqual([
      'variable_set',
      { key: 'voipbin.call.caller_id_name_prefix', value: 'VIP ${voipbin.call.caller_id_name_prefix}' },
    ]);
    expect(types('webhook', { uri: 'https://example.com/h', http_verb: 'get' })[0]).toEqual(['webhook_send', { uri: 'https://example.com/h', method: 'GET', data: expect.objectContaining({ hook: 'callflow' }) }]);
    expect(types('say', { say: '123' })[0]).toEqual(['talk', { text: '1 2 3' }]);
  });

  it('refuses an unknown module and bad data with a 400 naming where', () => {
    const fail = (node: Parameters<typeof compileCallflow>[0]) => {
      try {
        compileCallflow(node);
      } catch (error) {
        return error as VoipError;
      }
      throw new Error('compiled');
    };
    expect(fail({ module: 'answer', children: { _: { module: 'no_such_module' } } })).toMatchObject({ status: 'INVALID_ARGUMENT', field: 'flow.children._.module' });
    expect(fail({ module: 'tts', data: {} })).toMatchObject({ field: 'flow.data.text' });
    expect(fail({ module: 'temporal_route', data: { rules: [42] } })).toMatchObject({ field: 'flow.data.rules.0' });
    expect(fail({ module: 'sleep', data: { duration: 1, unit: 'days' } })).toMatchObject({ field: 'flow.data.unit' });
  });
});

describe('Kazoo pivot module', () => {
  it("compiles the Pivot seed's callflow to a pivot action (get, Kazoo's default) that ends the flow", () => {
    const actions = compileCallflow({ module: 'pivot', data: { voice_url: 'http://your.server/pivot.php' } });
    expect(actions.map((action) => action.type)).toEqual(['pivot', 'stop']);
    expect(actions[0]!.option).toEqual({ voice_url: 'http://your.server/pivot.php', method: 'get' });
  });

  it('keeps method, body format, a timeout cut to 5 s and debug; falls back to `_`', () => {
    const actions = compileCallflow({
      module: 'pivot',
      data: { voice_url: 'https://x/p', method: 'POST', req_format: 'kazoo', req_body_format: 'json', req_timeout_ms: 9000, debug: true },
      children: { _: { module: 'tts', data: { text: 'sorry' } } },
    });
    expect(path(actions)).toEqual(['pivot', 'talk', 'stop']);
    expect(actions[0]!.option).toEqual({ voice_url: 'https://x/p', method: 'post', req_format: 'kazoo', req_body_format: 'json', req_timeout_ms: 5000, debug: true });
  });

  it('speaks TwiML when asked, keeps cdr_url and fallback_url, and skip_module goes straight to `_`', () => {
    const twiml = compileCallflow({ module: 'pivot', data: { voice_url: 'https://x/v.xml', method: 'Post', req_format: 'TwiML', cdr_url: 'https://x/cdr', fallback_url: 'https://y/v.xml' } });
    expect(twiml[0]!.option).toEqual({ voice_url: 'https://x/v.xml', method: 'post', req_format: 'twiml', cdr_url: 'https://x/cdr', fallback_url: 'https://y/v.xml' });
    const skipped = compileCallflow({ module: 'pivot', data: { voice_url: 'https://x/p', skip_module: true }, children: { _: { module: 'tts', data: { text: 'next' } } } });
    expect(path(skipped)).toEqual(['variable_set', 'talk', 'stop']);
    expect(skipped[0]!.option).toEqual({ key: 'voipbin.fetch.status', value: 'skipped' });
  });

  it.each([
    [{}, 'flow.data.voice_url'],
    [{ voice_url: 'ftp://x/p' }, 'flow.data.voice_url'],
    [{ voice_url: 'not a url' }, 'flow.data.voice_url'],
    [{ voice_url: 42 }, 'flow.data.voice_url'],
    [{ voice_url: 'http://x', method: 'put' }, 'flow.data.method'],
    [{ voice_url: 'http://x', req_format: 'xml' }, 'flow.data.req_format'],
    [{ voice_url: 'http://x', fallback_url: 'ftp://y' }, 'flow.data.fallback_url'],
    [{ voice_url: 'http://x', debug: 'yes' }, 'flow.data.debug'],
  ])('refuses %j with a 400 naming %s', (data, field) => {
    let error: unknown;
    try {
      compileCallflow({ module: 'pivot', data });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(VoipError);
    expect(error).toMatchObject({ status: 'INVALID_ARGUMENT', field });
  });
});

describe('Kazoo modules a Pivot answer uses', () => {
  it('manual_presence sets a presence; send_dtmf sends digits', () => {
    const actions = compileCallflow({ module: 'manual_presence', data: { presence_id: 'user', status: 'Ringing' }, children: { _: { module: 'send_dtmf', data: { digits: '12#', duration_ms: 200 } } } });
    expect(actions.map((action) => [action.type, action.option])).toEqual([
      ['presence_set', { presence_id: 'user', status: 'ringing' }],
      ['digits_send', { digits: '12#', duration: 200 }],
      ['stop', {}],
    ]);
  });

  it("record_call with a url keeps where the file goes, as Kazoo names it, and uploads it there", () => {
    const actions = compileCallflow({ module: 'record_call', data: { action: 'start', format: 'mp3', time_limit: 1200, url: 'http://your.server.com/recordings/' } });
    const url = 'http://your.server.com/recordings/call_recording_${voipbin.call.id}.mp3';
    expect(actions.map((action) => [action.type, action.option])).toEqual([
      ['variable_set', { key: 'voipbin.recording.url', value: url }],
      ['recording_start', { format: 'mp3', duration: 1200, upload_url: url, upload_method: 'put' }],
      ['stop', {}],
    ]);
  });

  it('record_caller records until # or its limit, then stops', () => {
    const actions = compileCallflow({ module: 'record_caller', data: { format: 'mp3', url: 'http://my.recording.server/voicemail/A/B', time_limit: 360, method: 'POST' } });
    expect(actions.map((action) => action.type)).toEqual(['variable_set', 'variable_set', 'recording_start', 'digits_receive', 'recording_stop', 'stop']);
    expect(actions[2]!.option).toMatchObject({ format: 'mp3', duration: 360, beep_start: true, end_of_key: '#', upload_method: 'post' });
    expect(actions[3]!.option).toEqual({ duration: 360_000, key: '#', length: 128 });
  });

  it.each([
    ['manual_presence', { presence_id: 'a b', status: 'idle' }, 'flow.data.presence_id'],
    ['manual_presence', { presence_id: 'user', status: 'away' }, 'flow.data.status'],
    ['send_dtmf', { digits: '12x' }, 'flow.data.digits'],
    ['record_caller', { url: 'ftp://x' }, 'flow.data.url'],
  ])('%s refuses %j naming %s', (module, data, field) => {
    expect(() => compileCallflow({ module, data })).toThrow(expect.objectContaining({ field }));
  });
});

describe('Kazoo response', () => {
  it('answers with 486 by default, or the code, message and early media given', () => {
    expect(compileCallflow({ module: 'response', data: {} })[0]!.option).toEqual({ code: 486 });
    expect(compileCallflow({ module: 'response', data: { code: '503', message: 'Closed', media: 'https://x/closed.wav' } })[0]!.option).toEqual({ code: 503, message: 'Closed', media: 'https://x/closed.wav' });
    expect(() => compileCallflow({ module: 'response', data: { code: 99 } })).toThrow(expect.objectContaining({ field: 'flow.data.code' }));
  });
});
