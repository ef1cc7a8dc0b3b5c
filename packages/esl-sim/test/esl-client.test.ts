import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FreeSwitchClient, FreeSwitchError, type FreeSwitchResponse } from 'esl';
import { EslSimulator } from '../src/index.js';
import { quietLogger } from './helpers/ports.js';

/**
 * The `esl` package's inbound client (FreeSwitchClient) against the simulator, as
 * call-manager uses it for originate, uuid_* and events.
 */
describe('the esl client in inbound mode', () => {
  let sim: EslSimulator;
  let client: FreeSwitchClient;
  let call: FreeSwitchResponse;

  beforeEach(async () => {
    sim = new EslSimulator({ timeScale: 0.01 });
    const { esl } = await sim.start();
    client = new FreeSwitchClient({ host: '127.0.0.1', port: esl.port, password: 'ClueCon', logger: quietLogger });
    call = await new Promise<FreeSwitchResponse>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('error', reject);
      client.connect();
    });
  });

  afterEach(async () => {
    client.end();
    await sim.stop();
  });

  it('runs api commands, turning -ERR replies into FreeSwitchError', async () => {
    const status = await call.api('status', 2000);
    expect(status.body).toMatch(/^UP /);
    const failure = await call.api('uuid_kill 00000000-0000-0000-0000-000000000000', 2000).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FreeSwitchError);
    expect((failure as FreeSwitchError).args.reply).toBe('-ERR No such channel!\n');
  });

  it('originates with bgapi, runs applications with command_uuid and hangs up', async () => {
    sim.setDestination('3000', { answer: 'answer', after_ms: 2000 });
    const job = await call.bgapi('originate {origination_caller_id_number=1000,test_tag=esl}sofia/gateway/carrier/3000 &park()', 5000);
    const reply = job.body._body;
    expect(reply).toMatch(/^\+OK [0-9a-f-]{36}\n$/);
    const uuid = /^\+OK (\S+)/.exec(reply ?? '')![1]!;

    // A 3 s prompt takes 30 ms at this time scale, well within command's 1 s default timeout.
    const played = await call.command_uuid(uuid, 'playback', 'tone_stream://%(3000,0,350)');
    expect(played.body['Application-Response']).toBe('FILE PLAYED');
    expect(Number(played.body.variable_playback_ms)).toBeGreaterThanOrEqual(2900);
    expect(played.body.variable_test_tag).toBe('esl');

    await call.event_json('CHANNEL_HANGUP_COMPLETE');
    const complete = new Promise<Record<string, string | undefined>>((resolve) =>
      call.on('CHANNEL_HANGUP_COMPLETE', ({ body }) => {
        if (body['Unique-ID'] === uuid) resolve(body);
      }),
    );
    await call.hangup_uuid(uuid, 'NORMAL_CLEARING');
    const body = await complete;
    expect(body).toMatchObject({ variable_hangup_cause: 'NORMAL_CLEARING', variable_sip_hangup_disposition: 'send_bye', 'Caller-Caller-ID-Number': '1000' });
    expect(Number(body.variable_billsec)).toBeGreaterThanOrEqual(3);
    expect(sim.getCall(uuid).applications.map((a) => [a.name, a.response])).toEqual([
      ['park', '_none_'],
      ['playback', 'FILE PLAYED'],
    ]);
  });

  it('reports a busy or unanswered destination as -ERR with the cause', async () => {
    sim.setDestination('4000', { answer: 'busy', after_ms: 300 });
    sim.setDestination('4001', { answer: 'no_answer' });
    const busy = await call.bgapi('originate sofia/gateway/carrier/4000 &park()', 5000);
    expect(busy.body._body).toBe('-ERR USER_BUSY\n');
    const unanswered = await call.bgapi('originate {originate_timeout=5}sofia/gateway/carrier/4001 &park()', 5000);
    expect(unanswered.body._body).toBe('-ERR NO_ANSWER\n');
    const calls = sim.listCalls();
    expect(calls.map((c) => [c.to, c.hangup_cause])).toEqual([
      ['4000', 'USER_BUSY'],
      ['4001', 'NO_ANSWER'],
    ]);
  });

  it('bridges with the bridge application and gets the caller back when the callee hangs up', async () => {
    const caller = /^\+OK (\S+)/.exec((await call.api('originate sofia/gateway/carrier/5000 &park()', 5000)).body)![1]!;
    await call.event_json('CHANNEL_BRIDGE', 'CHANNEL_UNBRIDGE');
    const bridged = new Promise<Record<string, string | undefined>>((resolve) => call.on('CHANNEL_BRIDGE', ({ body }) => resolve(body)));
    const done = call.command_uuid(caller, 'bridge', 'sofia/gateway/carrier/5001', 5000);
    const bridge = await bridged;
    expect(bridge['Bridge-A-Unique-ID']).toBe(caller);
    const callee = bridge['Bridge-B-Unique-ID']!;
    expect(bridge['Other-Leg-Unique-ID']).toBe(callee);
    expect(sim.getCall(caller).bridged_to).toBe(callee);
    await call.api(`uuid_kill ${callee}`, 2000);
    const completed = await done;
    expect(completed.body['Application-UUID']).toBeDefined();
    expect(completed.body.variable_last_bridge_hangup_cause).toBe('NORMAL_CLEARING');
    expect(sim.getCall(caller)).toMatchObject({ hangup_cause: null, bridged_to: null });
  });
});
