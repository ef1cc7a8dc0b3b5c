import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Receiver, TestEnv, accountEvent, channelEvent, eventually, newId, sleep, type Received, type Reply } from './harness.js';

/**
 * What happens when receivers misbehave: retries on 5xx, 429, timeouts and transport
 * errors with backoff, none on other statuses, every try in the attempts log (paged),
 * one call's events kept in order through failures, and private targets refused.
 */
describe('retries, the attempts log and per-call order', () => {
  const env = new TestEnv();
  const receiver = new Receiver();
  const account = newId();
  /** Replies by path; the second argument counts requests seen on that path so far. */
  const scripts = new Map<string, (request: Received, nth: number) => Reply>();

  beforeAll(async () => {
    receiver.respond = (request) => {
      const script = scripts.get(request.path);
      return script ? script(request, receiver.on(request.path).length) : { status: 200, body: 'ok' };
    };
    await receiver.start();
    await env.startReplica();
    await env.publish('customer-manager', 'account_created', accountEvent(account));
  }, 60_000);

  afterAll(async () => {
    await receiver.close();
    await env.cleanup();
  }, 60_000);

  async function hook(body: Record<string, unknown>) {
    const client = await env.rpc();
    return client.call('createWebhook', { params: { account_id: account }, body: { name: 'test', format: 'json', hook: 'channel_create', ...body } as never });
  }

  async function attemptsOf(hookId: string) {
    const client = await env.rpc();
    return (await client.call('listWebhookAttempts', { params: { account_id: account, id: hookId }, query: { page_size: 100 } })).result;
  }

  async function stateOf(hookId: string): Promise<string[]> {
    return (await env.sql<{ state: string }>('SELECT state FROM webhook_deliveries WHERE hook_id = ? ORDER BY seq', [hookId])).map((row) => row.state);
  }

  it('a receiver answering 500 then 200 gets the event on the retry, with the same event id', async () => {
    scripts.set('/flaky', (_request, nth) => (nth === 1 ? { status: 500, body: 'oops' } : { status: 200 }));
    const created = await hook({ uri: receiver.url('/flaky'), retries: 3 });
    await env.publish('call-manager', 'channel_create', channelEvent(account, newId()));
    const [first, second] = await eventually('two tries', () => (receiver.on('/flaky').length >= 2 ? receiver.on('/flaky') : undefined));
    expect(second!.headers['x-event-id']).toBe(first!.headers['x-event-id']);
    expect([first!.headers['x-webhook-attempt'], second!.headers['x-webhook-attempt']]).toEqual(['1', '2']);
    expect(second!.body).toBe(first!.body);
    await eventually('delivery done', async () => (await stateOf(created.id)).join() === 'done');
    const attempts = await attemptsOf(created.id);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ result: 'failure', reason: 'bad response code', resp_status_code: 500, resp_body: 'oops', try: 1, retries_left: 2, final: false });
  });

  it('retries a 429 (honouring Retry-After within the cap), a timeout and a refused connection', async () => {
    scripts.set('/busy', (_request, nth) => (nth === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }));
    scripts.set('/slow', (_request, nth) => (nth === 1 ? { status: 200, delayMs: 2500 } : { status: 200 }));
    const busy = await hook({ uri: receiver.url('/busy') });
    const slow = await hook({ uri: receiver.url('/slow') });
    const refused = await hook({ uri: 'http://127.0.0.1:9/nobody', retries: 2 });
    await env.publish('call-manager', 'channel_create', channelEvent(account, newId()));
    await eventually('429 retried', () => receiver.on('/busy').length >= 2);
    await eventually('timeout retried', () => receiver.on('/slow').length >= 2, 20_000);
    await eventually('busy done', async () => (await stateOf(busy.id)).join() === 'done');
    await eventually('slow done', async () => (await stateOf(slow.id)).join() === 'done');
    expect((await attemptsOf(busy.id))[0]).toMatchObject({ resp_status_code: 429, reason: 'bad response code', final: false });
    expect((await attemptsOf(slow.id))[0]).toMatchObject({ resp_status_code: null, reason: 'timeout', final: false });
    const refusals = await eventually('refused twice', async () => {
      const seen = await attemptsOf(refused.id);
      return seen.length === 2 ? seen : undefined;
    });
    expect(refusals.map((each) => [each.try, each.reason, each.final])).toEqual([
      [2, 'http client error', true],
      [1, 'http client error', false],
    ]);
    expect(refusals[0]!.client_error).toContain('ECONNREFUSED');
    await eventually('refused failed', async () => (await stateOf(refused.id)).join() === 'failed');
  }, 40_000);

  it('a receiver that stays down uses up the retries, and the attempts log shows each try', async () => {
    scripts.set('/down', () => ({ status: 503, body: 'maintenance' }));
    const created = await hook({ uri: receiver.url('/down'), retries: 4 });
    await env.publish('call-manager', 'channel_create', channelEvent(account, newId()));
    await eventually('four tries', () => receiver.on('/down').length >= 4);
    await eventually('delivery failed', async () => (await stateOf(created.id)).join() === 'failed');
    await sleep(800);
    expect(receiver.on('/down')).toHaveLength(4);
    const attempts = await attemptsOf(created.id);
    expect(attempts.map((each) => [each.try, each.retries_left, each.final, each.resp_status_code])).toEqual([
      [4, 0, true, 503],
      [3, 1, false, 503],
      [2, 2, false, 503],
      [1, 3, false, 503],
    ]);
    expect(new Set(attempts.map((each) => each.event_id)).size).toBe(1);
    expect(attempts[0]).toMatchObject({ uri: receiver.url('/down'), method: 'POST', resp_body: 'maintenance', hook_event: 'channel_create' });
    expect(JSON.parse(attempts[0]!.req_body)).toMatchObject({ hook_event: 'channel_create', account_id: account });
    // Four tries in a row within the minute is not yet six: the hook stays on.
    expect((await (await env.rpc()).call('getWebhook', { params: { account_id: account, id: created.id } })).enabled).toBe(true);
  });

  it('does not retry a 4xx other than 408 and 429', async () => {
    scripts.set('/gone', () => ({ status: 404 }));
    const created = await hook({ uri: receiver.url('/gone'), retries: 5 });
    await env.publish('call-manager', 'channel_create', channelEvent(account, newId()));
    await eventually('failed at once', async () => (await stateOf(created.id)).join() === 'failed');
    await sleep(500);
    expect(receiver.on('/gone')).toHaveLength(1);
    expect((await attemptsOf(created.id)).map((each) => [each.try, each.final])).toEqual([[1, true]]);
  });

  it('pages the attempts log per hook and per account, newest first', async () => {
    const client = await env.rpc();
    const paged = newId();
    await env.publish('customer-manager', 'account_created', accountEvent(paged));
    scripts.set('/paged', () => ({ status: 500 }));
    const created = await client.call('createWebhook', {
      params: { account_id: paged },
      body: { name: 'paged', uri: receiver.url('/paged'), hook: 'channel_create', format: 'json', retries: 5 },
    });
    await env.publish('call-manager', 'channel_create', channelEvent(paged, newId()));
    await eventually('five tries', async () => (await stateOf(created.id)).join() === 'failed');
    const tries: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await client.call('listWebhookAttempts', { params: { account_id: paged, id: created.id }, query: { page_size: 2, ...(token ? { page_token: token } : {}) } });
      tries.push(...page.result.map((each) => each.try));
      token = page.next_page_token;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(tries).toEqual([5, 4, 3, 2, 1]);
    const byAccount = await client.call('listAccountAttempts', { params: { account_id: paged }, query: { page_size: 3 } });
    expect(byAccount.result.map((each) => each.try)).toEqual([5, 4, 3]);
    const rest = await client.call('listAccountAttempts', { params: { account_id: paged }, query: { page_size: 3, page_token: byAccount.next_page_token! } });
    expect(rest.result.map((each) => each.try)).toEqual([2, 1]);
    expect(rest.next_page_token).toBeUndefined();
    const filtered = await client.call('listAccountAttempts', { params: { account_id: paged }, query: { hook_id: 'another', result: 'failure' } });
    expect(filtered.result).toEqual([]);
  });

  it("keeps one call's events in order through failures and retries, calls side by side", async () => {
    let served = 0;
    // Every third request fails, so most calls see retries in the middle of their stream.
    scripts.set('/ordered', () => (++served % 3 === 0 ? { status: 500 } : { status: 200 }));
    const client = await env.rpc();
    const ordered = newId();
    await env.publish('customer-manager', 'account_created', accountEvent(ordered));
    // So many failures would disable the hook; this account turns the disabler off.
    await client.call('updateWebhookSettings', { params: { account_id: ordered }, body: { disable_disabler: true } });
    await client.call('createWebhook', { params: { account_id: ordered }, body: { name: 'ordered', uri: receiver.url('/ordered'), retries: 5, hook: 'all', format: 'json' } });
    const calls = [newId(), newId(), newId()];
    const perCall = 12;
    for (let n = 0; n < perCall; n++) {
      for (const call of calls) {
        const type = n === 0 ? 'channel_create' : n === perCall - 1 ? 'channel_destroy' : 'channel_answer';
        await env.publish('call-manager', type, channelEvent(ordered, call, { custom_channel_vars: { seq: n } }));
      }
    }
    const successes = await eventually(
      'every event delivered',
      () => {
        const ok = succeeded(receiver.on('/ordered')).filter((body) => calls.includes(body.call_id as string));
        return ok.length >= calls.length * perCall ? ok : undefined;
      },
      40_000,
    );
    for (const call of calls) {
      const sequence = successes.filter((body) => body.call_id === call).map((body) => Number((body.custom_channel_vars as { seq: number }).seq));
      expect(sequence).toEqual(Array.from({ length: perCall }, (_, n) => n));
    }
    // Within a call, a later event was never sent before an earlier one had succeeded.
    for (const call of calls) {
      const sent = receiver
        .on('/ordered')
        .map((each) => JSON.parse(each.body))
        .filter((body) => body.call_id === call).map((body) => body.custom_channel_vars.seq as number);
      for (let i = 1; i < sent.length; i++) expect(sent[i]!).toBeGreaterThanOrEqual(sent[i - 1]!);
    }
  }, 60_000);

  /** The bodies of the requests that got a 200, given that every third request on /ordered failed. */
  function succeeded(requests: Received[]): Record<string, unknown>[] {
    return requests.filter((_, index) => (index + 1) % 3 !== 0).map((each) => JSON.parse(each.body) as Record<string, unknown>);
  }
});

describe('SSRF safety at delivery', () => {
  const env = new TestEnv();
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    // No -webhook_allow_private: the operator has not allowed private targets.
    await env.startReplica(['-webhook_retry_base_ms', '100', '-webhook_sweep_interval_ms', '500']);
  }, 60_000);

  afterAll(async () => {
    await receiver.close();
    await env.cleanup();
  }, 60_000);

  it('refuses a private target without the flag, logs why, and does not retry', async () => {
    const customer = newId();
    // customer-manager's webhook_uri is not validated by this service's API, so it reaches delivery.
    await env.publish('customer-manager', 'account_created', accountEvent(customer, { webhook_uri: receiver.url('/inside') }));
    await eventually('account known', async () => (await env.sql('SELECT id FROM webhook_accounts WHERE id = ? AND known = 1', [customer])).length === 1);
    await env.publish('call-manager', 'call_created', { id: 'c-ssrf', customer_id: customer, status: 'dialing' });
    const client = await env.rpc();
    const attempts = await eventually('refusal logged', async () => {
      const page = await client.call('listAccountAttempts', { params: { account_id: customer } });
      return page.result.length > 0 ? page.result : undefined;
    });
    expect(attempts[0]).toMatchObject({ result: 'failure', reason: 'target refused', final: true, try: 1, resp_status_code: null, hook_id: null });
    expect(attempts[0]!.client_error).toContain('127.0.0.1');
    await sleep(500);
    expect(receiver.requests).toHaveLength(0);
    expect((await client.call('listAccountAttempts', { params: { account_id: customer } })).result).toHaveLength(1);
  });
});
