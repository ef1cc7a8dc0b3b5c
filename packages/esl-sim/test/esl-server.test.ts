import { afterEach, describe, expect, it } from '@jest/globals';
import { FreeSwitchServer, type FreeSwitchResponse, type StringMap } from 'esl';
import { EslSimulator } from '../src/index.js';
import { freePort, quietLogger } from './helpers/ports.js';

interface Connection {
  call: FreeSwitchResponse;
  uuid: string;
  data: StringMap;
  headers: StringMap;
}

/**
 * The `esl` package's outbound server (FreeSwitchServer) as the application each
 * simulated call connects to, the way call-manager takes inbound calls.
 */
describe('the esl server in outbound mode', () => {
  let sim: EslSimulator | undefined;
  let server: FreeSwitchServer | undefined;

  const setUp = async (options: { extraAppAddrs?: string[] } = {}) => {
    const port = await freePort();
    server = new FreeSwitchServer({ all_events: true, my_events: true, logger: quietLogger });
    await server.listen({ host: '127.0.0.1', port });
    sim = new EslSimulator({ timeScale: 0.01, appAddrs: [...(options.extraAppAddrs ?? []), `127.0.0.1:${port}`] });
    await sim.start();
    const connections: Connection[] = [];
    const waiters: ((connection: Connection) => void)[] = [];
    server.on('connection', (call, { uuid, data, headers }) => {
      const connection = { call, uuid: uuid ?? '', data, headers };
      const waiter = waiters.shift();
      if (waiter) waiter(connection);
      else connections.push(connection);
    });
    const nextConnection = () => new Promise<Connection>((resolve) => (connections.length > 0 ? resolve(connections.shift()!) : waiters.push(resolve)));
    return { sim, nextConnection, port };
  };

  afterEach(async () => {
    await sim?.stop();
    await server?.close();
    sim = undefined;
    server = undefined;
  });

  it('hands over each call with its channel data in the connect reply', async () => {
    const { sim, nextConnection } = await setUp();
    const uuid = sim.placeCall({ from: '1000', to: '2000', caller_id_name: 'Jane Doe', variables: { sip_auth_username: 'jane', sip_from_user: '1000' } });
    const { uuid: connectedUuid, data, headers } = await nextConnection();
    expect(connectedUuid).toBe(uuid);
    expect(headers).toEqual({ 'Content-Type': 'command/reply', 'Reply-Text': '+OK\n', 'Socket-Mode': 'async', Control: 'full' });
    expect(data).toMatchObject({
      'Event-Name': 'CHANNEL_DATA',
      'Unique-ID': uuid,
      'Channel-Destination-Number': '2000',
      'Caller-Caller-ID-Name': 'Jane Doe',
      'Caller-Caller-ID-Number': '1000',
      'Call-Direction': 'inbound',
      'Answer-State': 'ringing',
      variable_sip_auth_username: 'jane',
      variable_sip_req_user: '2000',
      variable_socket_host: '127.0.0.1',
    });
  });

  it('runs answer, speak, play_and_get_digits and hangup, in order, with the digits the caller presses', async () => {
    const { sim, nextConnection, port } = await setUp();
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    const { call } = await nextConnection();
    await call.command('answer', '', 2000);
    const spoken = await call.command('speak', 'flite|kal|Welcome to the simulator, press one for sales', 2000);
    expect(spoken.body['Application-Response']).toBe('_none_');
    const collecting = call.command('play_and_get_digits', '1 1 3 5000 # /sounds/menu.wav /sounds/invalid.wav choice \\d', 5000);
    await sim.waitForCall(uuid, (c) => c.applications.some((a) => a.name === 'play_and_get_digits'));
    await sim.sendDtmf(uuid, { digits: '1' });
    const collected = await collecting;
    expect(collected.body.variable_choice).toBe('1');
    await call.command('playback', '/sounds/sales.wav', 2000);
    await call.hangup('NORMAL_CLEARING');
    const view = await sim.waitForCall(uuid, (c) => c.destroyed);
    expect(view.applications.map((a) => [a.name, a.arg])).toEqual([
      ['socket', `127.0.0.1:${port} async full`],
      ['answer', ''],
      ['speak', 'flite|kal|Welcome to the simulator, press one for sales'],
      ['play_and_get_digits', '1 1 3 5000 # /sounds/menu.wav /sounds/invalid.wav choice \\d'],
      ['playback', '/sounds/sales.wav'],
    ]);
    expect(view).toMatchObject({ answered: true, hangup_cause: 'NORMAL_CLEARING', hangup_by: 'local', dtmf_received: '1' });
    expect(view.events.slice(0, 7)).toEqual(['CHANNEL_CREATE', 'CHANNEL_STATE', 'CHANNEL_STATE', 'CHANNEL_STATE', 'CHANNEL_EXECUTE', 'CHANNEL_PARK', 'CHANNEL_EXECUTE']);
    expect(view.events.slice(-4)).toEqual(['CHANNEL_STATE', 'CHANNEL_HANGUP_COMPLETE', 'CHANNEL_STATE', 'CHANNEL_DESTROY']);
  });

  it('ends the application on the caller hanging up during a prompt, as a remote hangup', async () => {
    const { sim, nextConnection } = await setUp();
    sim.setPromptLength('/sounds/long.wav', 600_000);
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    const { call } = await nextConnection();
    // Without linger the socket is told goodbye as the channel goes down, before CHANNEL_HANGUP (as FreeSWITCH may).
    call.on('cleanup_linger', () => void call.exit().catch(() => undefined));
    await call.linger();
    await call.command('answer', '', 2000);
    const hangup = new Promise<StringMap>((resolve) => call.on('CHANNEL_HANGUP', ({ body }) => resolve(body)));
    const playing = call.command('playback', '/sounds/long.wav', 5000);
    await sim.waitForCall(uuid, (c) => c.events.includes('PLAYBACK_START'));
    sim.hangup(uuid);
    expect((await hangup)['Hangup-Cause']).toBe('NORMAL_CLEARING');
    expect((await playing).body['Application-Response']).toBe('PLAYBACK ERROR');
    const view = await sim.waitForCall(uuid, (c) => c.destroyed);
    expect(view).toMatchObject({ hangup_by: 'remote', variables: expect.objectContaining({ sip_hangup_disposition: 'recv_bye' }) });
  });

  it('lingers after the hangup when asked, so CHANNEL_HANGUP_COMPLETE still arrives', async () => {
    const { sim, nextConnection } = await setUp();
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    const { call } = await nextConnection();
    call.on('cleanup_linger', () => undefined);
    const linger = await call.linger();
    expect(linger.headers['Reply-Text']).toBe('+OK will linger');
    const complete = new Promise<StringMap>((resolve) => call.on('CHANNEL_HANGUP_COMPLETE', ({ body }) => resolve(body)));
    await call.command('answer', '', 2000);
    sim.hangup(uuid, { cause: 'USER_BUSY' });
    expect((await complete).variable_hangup_cause).toBe('USER_BUSY');
    expect(sim.getCall(uuid).destroyed).toBe(false);
    await call.exit();
    await sim.waitForCall(uuid, (c) => c.destroyed);
  });

  it('delivers a bgapi result to the controlling socket through its Job-Owner-UUID filter', async () => {
    const { sim, nextConnection } = await setUp();
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    const { call } = await nextConnection();
    const job = await call.bgapi(`uuid_getvar ${uuid} sip_req_user`, 2000);
    expect(job.body).toMatchObject({ 'Job-Owner-UUID': uuid, _body: '2000' });
  });

  it('hangs the call up when the application closes the socket', async () => {
    const { sim, nextConnection } = await setUp();
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    const { call } = await nextConnection();
    call.end();
    const view = await sim.waitForCall(uuid, (c) => c.destroyed);
    expect(view.hangup_cause).toBe('NORMAL_CLEARING');
  });

  it('tries the application addresses in order', async () => {
    const closedPort = await freePort();
    const { sim, nextConnection } = await setUp({ extraAppAddrs: [`127.0.0.1:${closedPort}`] });
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    expect((await nextConnection()).uuid).toBe(uuid);
  });
});
