import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FetchServer, FlowManagerEnv } from './harness.js';

const FINISH = '00000000-0000-0000-0000-000000000002';

/**
 * A Pivot server on this machine: reachable with -fetch_allow_loopback (which `npm start`
 * sets on the embedded stand-ins), refused otherwise with an error that names the flag
 * that opens it.
 */
describe.each([
  ['embedded', true],
  ['servers', false],
] as const)('pivot to 127.0.0.1 in %s mode, without -fetch_allow_private', (mode, reachable) => {
  const env = new FlowManagerEnv(mode);
  const customer = new FetchServer();
  const number = `9${String(Date.now() % 1_000_000).padStart(6, '0')}${mode === 'embedded' ? 1 : 2}`;

  beforeAll(async () => {
    await customer.start();
    await env.start(['-fetch_timeout_ms', '1000', ...(reachable ? ['-fetch_allow_loopback'] : [])]);
    customer.answer = () => ({ status: 200, body: JSON.stringify({ module: 'tts', data: { text: 'local pivot' } }) });
  });

  afterAll(async () => {
    await customer.close();
    await env.close();
  });

  it(reachable ? 'asks it' : 'refuses it, naming -fetch_allow_private', async () => {
    const flow = { module: 'pivot', data: { voice_url: customer.url('/pivot.php') }, children: { _: { module: 'tts', data: { text: 'refused' } } } };
    const created = await env.ok('POST', '/v1/flows', { account_id: 'acct-local', numbers: [number], flow });
    const activeflow = await env.ok('POST', '/v1/activeflows', { call_id: `call-local-${mode}`, flow_id: created.id, variables: { 'voipbin.call.id': `call-local-${mode}` } });
    const action = await env.ok('GET', `/v1/activeflows/${activeflow.id}/next`, {});
    expect(action.id).not.toBe(FINISH);
    expect(action.option.text).toBe(reachable ? 'local pivot' : 'refused');
    const state = await env.ok('GET', `/v1/activeflows/${activeflow.id}`);
    if (reachable) expect(state.errors).toEqual([]);
    else expect(state.errors[0]).toMatchObject({ action_type: 'pivot', reason: 'PIVOT_REFUSED', message: expect.stringContaining('-fetch_allow_private') });
  });
});
