import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { EslSimulator, type EslEvent } from '../src/index.js';
import { EventLog } from './helpers/event-log.js';
import { RawClient } from './helpers/raw-client.js';

/**
 * Where FreeSWITCH is stricter than a lenient imitation would be: a stock switch (no
 * third-party module), uuid_broadcast's argument splitting, uuid_break on echo.
 */
describe('a stock FreeSWITCH', () => {
  let sim: EslSimulator;
  let client: RawClient;
  let log: EventLog;
  let counter = 0;

  beforeEach(async () => {
    sim = new EslSimulator({ timeScale: 0.01 });
    const { esl } = await sim.start();
    client = await RawClient.login(esl.port);
    log = new EventLog(sim);
  });

  afterEach(async () => {
    log.stop();
    await client.close();
    await sim.stop();
  });

  const send = async (uuid: string, app: string, arg = ''): Promise<string> => {
    const appUuid = `app-${++counter}`;
    await client.command(`sendmsg ${uuid}\ncall-command: execute\nexecute-app-name: ${app}\nexecute-app-arg: ${arg}\nEvent-UUID: ${appUuid}`);
    return appUuid;
  };
  const completion = (uuid: string, appUuid: string, timeoutMs = 5000): Promise<EslEvent> =>
    log.waitForEvent('CHANNEL_EXECUTE_COMPLETE', uuid, (e) => e.get('Application-UUID') === appUuid, timeoutMs);
  const call = () => sim.placeCall({ from: '1000', to: '2000' });

  it('says which modules it has, and knows no amd and no uuid_audio_fork without their modules', async () => {
    expect(await client.api('module_exists mod_flite')).toBe('true');
    expect(await client.api('module_exists mod_amd')).toBe('false');
    expect(await client.api('module_exists mod_audio_fork')).toBe('false');
    const uuid = call();
    expect(await client.api(`uuid_audio_fork ${uuid} start wss://media.example/stream mono 8k`)).toBe('-ERR uuid_audio_fork Command not found!\n');
    await send(uuid, 'amd');
    const view = await sim.waitForCall(uuid, (c) => c.destroyed);
    expect(view.hangup_cause).toBe('DESTINATION_OUT_OF_ORDER');
    expect(view.applications.map((a) => a.name)).toEqual(['park']);
  });

  it('has amd and uuid_audio_fork once configured with mod_amd and mod_audio_fork', async () => {
    const equipped = new EslSimulator({ timeScale: 0.01, modules: ['mod_commands', 'mod_dptools', 'mod_amd', 'mod_audio_fork'] });
    const { esl } = await equipped.start();
    const other = await RawClient.login(esl.port);
    try {
      expect(await other.api('module_exists mod_amd')).toBe('true');
      const uuid = equipped.placeCall({ from: '1000', to: '2000' });
      expect(await other.api(`uuid_audio_fork ${uuid} start wss://media.example/stream mono 8k`)).toBe('+OK Success\n');
    } finally {
      await other.close();
      await equipped.stop();
    }
  });

  it('plays no http(s) URL without mod_http_cache: FILE NOT FOUND', async () => {
    const uuid = call();
    const done = await completion(uuid, await send(uuid, 'playback', 'https://example.com/hello.wav'));
    expect(done.get('Application-Response')).toBe('FILE NOT FOUND');
    expect(log.of(uuid)).not.toContain('PLAYBACK_START');
  });

  it('speaks only with a voice the engine has, and no engine whose module is not loaded', async () => {
    const uuid = call();
    await completion(uuid, await send(uuid, 'answer'));
    const started = Date.now();
    const refused = await completion(uuid, await send(uuid, 'speak', `flite|fr-FR-female|bonjour ${'encore '.repeat(100)}`));
    expect(refused.get('Application-Response')).toBe('_none_');
    await completion(uuid, await send(uuid, 'speak', `polly|Joanna|hello ${'again '.repeat(100)}`));
    // A hundred words would take over 37 simulated seconds: 370 ms here.
    expect(Date.now() - started).toBeLessThan(300);
    const spoken = Date.now();
    await completion(uuid, await send(uuid, 'speak', `flite|slt|hello ${'again '.repeat(100)}`));
    expect(Date.now() - spoken).toBeGreaterThan(300);
  });

  it('splits uuid_broadcast on spaces as mod_commands does: unquoted words push the leg word out, quotes and escapes hold', async () => {
    const uuid = call();
    expect(await client.api(`uuid_broadcast ${uuid} speak::flite|slt|two words aleg`)).toBe('+OK Message sent\n');
    expect(await client.api(`uuid_broadcast ${uuid} speak::flite|slt|it's aleg`)).toBe('+OK Message sent\n');
    expect(await client.api(`uuid_broadcast ${uuid} 'speak::flite|slt|it\\'s two words,\\nwith | pipes \\\\ and ünïcode' aleg`)).toBe('+OK Message sent\n');
    await sim.waitForCall(uuid, (c) => c.applications.filter((a) => a.response !== null).length >= 2);
    expect(sim.getCall(uuid).applications.map((a) => [a.name, a.arg])).toEqual([
      ['park', ''],
      ['speak', "flite|slt|it's aleg"],
      ['speak', "flite|slt|it's two words,\nwith | pipes \\ and ünïcode"],
    ]);
  });

  it('streams unicast until the next application ends, and binds each local address once', async () => {
    const first = call();
    const second = call();
    const unicast = (uuid: string, remotePort: string) => client.command(`sendmsg ${uuid}\ncall-command: unicast\nlocal-ip: 127.0.0.1\nlocal-port: 8025\nremote-ip: 10.0.0.5\nremote-port: ${remotePort}\ntransport: udp`);
    await unicast(first, '9000');
    await unicast(second, '9001');
    await sim.waitForCall(second, (c) => c.unicasts.length === 1);
    expect(sim.getCall(first).unicasts).toEqual([{ local: '127.0.0.1:8025', remote: '10.0.0.5:9000', transport: 'udp', active: true, error: null }]);
    expect(sim.getCall(second).unicasts).toEqual([expect.objectContaining({ active: false, error: 'cannot bind 127.0.0.1:8025: in use' })]);
    await completion(first, await send(first, 'playback', 'silence_stream://100'));
    expect(sim.getCall(first).unicasts[0]!.active).toBe(false);
    // The address is free again.
    await unicast(second, '9001');
    await sim.waitForCall(second, (c) => c.unicasts.length === 2);
    expect(sim.getCall(second).unicasts[1]!.active).toBe(true);
  });

  it('bridges no two legs without media, and drops both when one of them only rings', async () => {
    const a = call();
    const b = call();
    expect(await client.api(`uuid_bridge ${a} ${b}`)).toBe('-ERR Invalid uuid\n');
    await client.api(`uuid_answer ${b}`);
    expect(await client.api(`uuid_bridge ${a} ${b}`)).toBe(`+OK ${b}\n`);
    expect((await sim.waitForCall(a, (c) => c.destroyed)).hangup_cause).toBe('DESTINATION_OUT_OF_ORDER');
    expect((await sim.waitForCall(b, (c) => c.destroyed)).hangup_cause).toBe('ORIGINATOR_CANCEL');
    expect(log.of(a)).not.toContain('CHANNEL_BRIDGE');
  });

  it('lets an application queued right behind uuid_break run nested in echo, which then goes on', async () => {
    const uuid = call();
    await completion(uuid, await send(uuid, 'answer'));
    const echo = await send(uuid, 'echo');
    await log.waitForEvent('CHANNEL_EXECUTE', uuid, (e) => e.get('Application') === 'echo');
    expect(await client.api(`uuid_break ${uuid}`)).toBe('+OK\n');
    const next = await send(uuid, 'playback', 'silence_stream://100');
    await completion(uuid, next);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(log.find((e) => e.name === 'CHANNEL_EXECUTE_COMPLETE' && e.get('Application-UUID') === echo)).toBeUndefined();

    // Waiting for echo to end before the next application is what works.
    const other = call();
    await completion(other, await send(other, 'answer'));
    const echoing = await send(other, 'echo');
    await log.waitForEvent('CHANNEL_EXECUTE', other, (e) => e.get('Application') === 'echo');
    await client.api(`uuid_break ${other}`);
    await completion(other, echoing);
  });
});
