import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FetchServer, FlowManagerEnv } from './harness.js';

const FINISH = '00000000-0000-0000-0000-000000000002';
const USER = 'a4b1f2c00000400080000000000000a1';

/**
 * The Pivot seed's "Bridging the caller to a user": a Pivot reply naming a user module
 * becomes the bridge call-manager rings (every device of the user), and its outcome
 * picks what comes next, through RabbitMQ + MySQL + Redis.
 */
describe('a Pivot reply bridging the caller to a user', () => {
  const env = new FlowManagerEnv('servers');
  const customer = new FetchServer();
  const tag = String(Date.now() % 1_000_000).padStart(6, '0');
  let numbers = 0;

  beforeAll(async () => {
    await customer.start();
    await env.start(['-fetch_timeout_ms', '700', '-fetch_allow_private']);
    customer.answer = () => ({
      status: 200,
      body: JSON.stringify({ module: 'user', data: { id: USER, timeout: 25 }, children: { _: { module: 'tts', data: { text: 'nobody answered' } } } }),
    });
  });

  afterAll(async () => {
    await customer.close();
    await env.close();
  });

  async function call(): Promise<string> {
    const number = `8${tag}${String(++numbers).padStart(3, '0')}`;
    await env.ok('POST', '/v1/flows', { account_id: 'acct-pivot', numbers: [number], flow: { module: 'pivot', data: { voice_url: customer.url('/pivot.php') } } });
    const route = await env.ok('GET', `/v1/routes?number=${number}`);
    const activeflow = await env.ok('POST', '/v1/activeflows', { call_id: `call-${numbers}`, flow_id: route.flow_id, variables: { 'voipbin.call.id': `call-${numbers}`, ...route.variables } });
    return activeflow.id as string;
  }

  /** Runs the flow as call-manager would, the bridge ending with `result`. */
  async function drive(id: string, result: string): Promise<{ type: string; option: Record<string, unknown> }[]> {
    const ran: { id: string; type: string; option: Record<string, unknown> }[] = [];
    let current: string | undefined;
    for (let i = 0; i < 30; i++) {
      const action = await env.ok('GET', `/v1/activeflows/${id}/next`, current === undefined ? {} : { current_action_id: current });
      if (action.id === FINISH) return ran;
      ran.push(action);
      if (action.type === 'bridge') await env.ok('POST', `/v1/activeflows/${id}/variables`, { variables: { 'voipbin.bridge.result': result } });
      current = action.id;
    }
    throw new Error('did not finish');
  }

  it("rings all the user's devices, and ends the call once the answered call is over", async () => {
    const ran = await drive(await call(), 'SUCCESS');
    expect(ran.map((action) => action.type)).toEqual(['bridge']);
    expect(ran[0]!.option).toEqual({ endpoints: [{ type: 'user', id: USER }], timeout: 25000, caller_id: { number: '', name: '', number_prefix: '', name_prefix: '' } });
  });

  it('goes on to the reply\'s `_` child when nobody answers', async () => {
    const ran = await drive(await call(), 'NO_ANSWER');
    expect(ran.map((action) => action.option.text ?? action.type)).toEqual(['bridge', 'nobody answered']);
  });
});
