import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { EslSimulator } from '../src/index.js';
import { EventLog } from './helpers/event-log.js';
import { plainEventHeaders, RawClient } from './helpers/raw-client.js';

const GOODBYE_NOTICE = 'Content-Type: text/disconnect-notice\nContent-Length: 67\n\nDisconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n';

describe('the inbound event socket, byte for byte', () => {
  let sim: EslSimulator;
  let port: number;
  const clients: RawClient[] = [];
  const connect = async () => {
    const client = await RawClient.connect(port);
    clients.push(client);
    return client;
  };
  const login = async () => {
    const client = await RawClient.login(port);
    clients.push(client);
    return client;
  };
  const reply = async (client: RawClient, command: string) => (await client.command(command)).headers['Reply-Text'];

  beforeEach(async () => {
    sim = new EslSimulator({ timeScale: 0.01 });
    port = (await sim.start()).esl.port;
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await sim.stop();
  });

  it('asks for auth, refuses commands before it, and lets the right password in', async () => {
    const client = await connect();
    expect((await client.next()).raw.toString()).toBe('Content-Type: auth/request\n\n');
    expect((await client.command('api status')).raw.toString()).toBe('Content-Type: command/reply\nReply-Text: -ERR command not found\n\n');
    expect((await client.command('auth ClueCon')).raw.toString()).toBe('Content-Type: command/reply\nReply-Text: +OK accepted\n\n');
  });

  it('answers a wrong password with -ERR invalid, says goodbye and closes', async () => {
    const client = await connect();
    await client.next();
    client.send('auth wrong\n\n');
    expect((await client.next()).raw.toString()).toBe('Content-Type: command/reply\nReply-Text: -ERR invalid\n\n');
    expect((await client.next()).raw.toString()).toBe(GOODBYE_NOTICE);
    await client.closed;
  });

  it('says +OK bye to exit, then the disconnect notice, then closes', async () => {
    const client = await login();
    client.send('exit\n\n');
    expect((await client.next()).raw.toString()).toBe('Content-Type: command/reply\nReply-Text: +OK bye\n\n');
    expect((await client.next()).raw.toString()).toBe(GOODBYE_NOTICE);
    await client.closed;
  });

  it('accepts userauth with the password and names what is allowed', async () => {
    const client = await connect();
    await client.next();
    expect((await client.command('userauth admin@example.com:ClueCon')).raw.toString()).toBe(
      'Content-Type: command/reply\nReply-Text: +OK accepted\nAllowed-Events: all\nAllowed-API: all\nAllowed-LOG: true\n\n',
    );
  });

  it('words the command replies as FreeSWITCH does', async () => {
    const client = await login();
    const expectations: [string, string][] = [
      ['event json', '-ERR no keywords supplied'],
      ['event', '-ERR no keywords supplied'],
      ['noevents', '-ERR not listening for events'],
      ['event plain CHANNEL_CREATE CHANNEL_ANSWER', '+OK event listener enabled plain'],
      ['event json ALL', '+OK event listener enabled json'],
      ['nixevent CHANNEL_CREATE', '+OK events nixed'],
      ['nixevent NOT_AN_EVENT', '-ERR no keywords supplied'],
      ['noevents', '+OK no longer listening for events'],
      ['filter Unique-ID abc', '+OK filter added. [Unique-ID]=[abc]'],
      ['filter add Event-Name CHANNEL_ANSWER', '+OK filter added. [Event-Name]=[CHANNEL_ANSWER]'],
      ['filter Unique-ID', '-ERR invalid syntax'],
      ['filter delete Unique-ID abc', '+OK filter deleted. [Unique-ID][abc]'],
      ['filter delete all', '+OK filter deleted. [all][]'],
      ['linger', '-ERR not controlling a session'],
      ['linger 10', '-ERR not controlling a session'],
      ['nolinger', '-ERR not controlling a session'],
      ['connect', '-ERR command not found'],
      ['getvar foo', '-ERR command not found'],
      ['myevents', '-ERR command not found'],
      ['myevents 00000000-0000-0000-0000-000000000000 json', '-ERR invalid uuid'],
      ['divert_events on', '-ERR not controlling a session.'],
      ['sendmsg 00000000-0000-0000-0000-000000000000', '-ERR invalid session id [00000000-0000-0000-0000-000000000000]'],
      ['sendmsg', '-ERR invalid session id []'],
      ['nolog', '-ERR not loging'],
      ['log info', '+OK log level info [6]'],
      ['nolog', '+OK no longer logging'],
      ['api', '-ERR command not found'],
      ['frobnicate', '-ERR command not found'],
    ];
    for (const [command, expected] of expectations) expect([command, await reply(client, command)]).toEqual([command, expected]);
    expect(await reply(client, 'sendevent CUSTOM')).toMatch(/^\+OK [0-9a-f-]{36}$/);
  });

  it('answers api commands in api/response bodies, unknown ones with Command not found!', async () => {
    const client = await login();
    client.send('api frobnicate now\n\n');
    expect((await client.next()).raw.toString()).toBe('Content-Type: api/response\nContent-Length: 35\n\n-ERR frobnicate Command not found!\n');
    expect(await client.api('create_uuid')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await client.api('status')).toMatch(/^UP 0 years, 0 days, 0 hours, \d+ minutes, \d+ seconds, \d+ milliseconds, \d+ microseconds\nFreeSWITCH \(Version .*\) is ready\n/);
    expect(await client.api('uuid_kill 00000000-0000-0000-0000-000000000000')).toBe('-ERR No such channel!\n');
    expect(await client.api('uuid_kill')).toBe('-USAGE: <uuid> [cause]\n');
    expect(await client.api('uuid_getvar 00000000-0000-0000-0000-000000000000 x')).toBe('-ERR No such channel!\n');
    expect(await client.api('uuid_bridge a b')).toBe('-ERR Invalid uuid\n');
    expect(await client.api('uuid_record 00000000-0000-0000-0000-000000000000 start /tmp/x.wav')).toBe('-ERR Cannot locate session!\n');
    expect(await client.api('uuid_exists 00000000-0000-0000-0000-000000000000')).toBe('false');
    expect(await client.api('originate')).toMatch(/^-USAGE: <call url> <exten>\|&<application_name>\(<app_args>\)/);
    expect(await client.api('originate error/user_busy &park()')).toBe('-ERR USER_BUSY\n');
    expect(await client.api('show channels as json')).toBe('{"row_count":0}');
  });

  it('runs bgapi in the background: Job-UUID in the reply and its own header, then BACKGROUND_JOB', async () => {
    const client = await login();
    await client.command('event plain BACKGROUND_JOB');
    const response = await client.command('bgapi create_uuid');
    const job = response.headers['Job-UUID']!;
    expect(response.raw.toString()).toBe(`Content-Type: command/reply\nReply-Text: +OK Job-UUID: ${job}\nJob-UUID: ${job}\n\n`);
    const frame = await client.next((f) => f.headers['Content-Type'] === 'text/event-plain');
    expect(frame.headers['Content-Length']).toBe(String(Buffer.byteLength(frame.body)));
    const headers = plainEventHeaders(frame.body);
    expect(headers).toMatchObject({ 'Event-Name': 'BACKGROUND_JOB', 'Job-UUID': job, 'Job-Command': 'create_uuid' });
    expect(headers['Job-Command-Arg']).toBeUndefined();
    expect(frame.body).toMatch(/\nContent-Length: 36\n\n[0-9a-f-]{36}$/);

    client.send('bgapi uuid_exists nope\nJob-UUID: chosen-by-me\n\n');
    expect((await client.next((f) => f.headers['Content-Type'] === 'command/reply')).headers['Job-UUID']).toBe('chosen-by-me');
    const job2 = plainEventHeaders((await client.next((f) => f.headers['Content-Type'] === 'text/event-plain')).body);
    expect(job2).toMatchObject({ 'Job-UUID': 'chosen-by-me', 'Job-Command': 'uuid_exists', 'Job-Command-Arg': 'nope' });
  });

  it('blocks the socket while an api runs: the response comes before the events fired meanwhile', async () => {
    sim.setDestination('2001', { answer: 'answer', after_ms: 500 });
    const client = await login();
    await client.command('event plain CHANNEL_CREATE CHANNEL_ANSWER');
    client.send('api originate sofia/gateway/carrier/2001 &park()\n\napi create_uuid\n\n');
    const first = await client.next();
    expect(first.headers['Content-Type']).toBe('api/response');
    const leg = /^\+OK (\S+)\n$/.exec(first.body)![1]!;
    const rest: string[] = [];
    for (let i = 0; i < 3; i++) {
      const frame = await client.next();
      rest.push(frame.headers['Content-Type'] === 'api/response' ? 'api/response' : plainEventHeaders(frame.body)['Event-Name']!);
    }
    expect(rest).toEqual(['CHANNEL_CREATE', 'CHANNEL_ANSWER', 'api/response']);
    expect(sim.getCall(leg)).toMatchObject({ direction: 'outbound', to: '2001', answered: true, state: 'CS_EXECUTE' });
  });

  it('delivers plain events URL-encoded, with the channel and its variables', async () => {
    const client = await login();
    await client.command('event plain CHANNEL_CREATE');
    const uuid = sim.placeCall({ from: '1000', to: '2000', caller_id_name: 'Jane Doe', variables: { sip_auth_username: 'jane', note: 'a b:c' } });
    const frame = await client.next((f) => f.headers['Content-Type'] === 'text/event-plain');
    expect(frame.body).toMatch(/^Event-Name: CHANNEL_CREATE\nCore-UUID: [0-9a-f-]{36}\n/);
    expect(frame.body).toContain('\nCaller-Caller-ID-Name: Jane%20Doe\n');
    expect(frame.body).toContain('\nvariable_note: a%20b%3Ac\n');
    expect(frame.body.endsWith('\n\n')).toBe(true);
    expect(plainEventHeaders(frame.body)).toMatchObject({
      'Unique-ID': uuid,
      'Channel-State': 'CS_INIT',
      'Channel-Call-State': 'RINGING',
      'Answer-State': 'ringing',
      'Call-Direction': 'inbound',
      'Caller-Destination-Number': '2000',
      'Caller-Caller-ID-Number': '1000',
      'Caller-Context': 'default',
      variable_sip_auth_username: 'jane',
      variable_sip_req_user: '2000',
    });
  });

  it('delivers JSON events as one object of strings', async () => {
    const client = await login();
    await client.command('event json CHANNEL_PARK');
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    const frame = await client.next((f) => f.headers['Content-Type'] === 'text/event-json');
    const body = JSON.parse(frame.body) as Record<string, unknown>;
    expect(body).toMatchObject({ 'Event-Name': 'CHANNEL_PARK', 'Unique-ID': uuid, 'Channel-State-Number': '4' });
    expect(Object.values(body).every((value) => typeof value === 'string')).toBe(true);
  });

  it('passes an event when a positive filter matches and no negative one does', async () => {
    const client = await login();
    const first = sim.placeCall({ from: '1000', to: '2000' });
    await client.command('event plain ALL');
    await client.command(`filter Unique-ID ${first}`);
    await client.command('filter Event-Name -CHANNEL_STATE');
    sim.placeCall({ from: '1001', to: '2001' });
    sim.hangup(first);
    const seen: string[] = [];
    for (;;) {
      const headers = plainEventHeaders((await client.next((f) => f.headers['Content-Type'] === 'text/event-plain')).body);
      expect(headers['Unique-ID']).toBe(first);
      seen.push(headers['Event-Name']!);
      if (headers['Event-Name'] === 'CHANNEL_DESTROY') break;
    }
    expect(seen).not.toContain('CHANNEL_STATE');
    expect(seen).toEqual(['CHANNEL_HANGUP', 'CHANNEL_CALLSTATE', 'CHANNEL_UNPARK', 'CHANNEL_EXECUTE_COMPLETE', 'CHANNEL_HANGUP_COMPLETE', 'CHANNEL_DESTROY']);
  });

  it('takes CUSTOM events only for the subclasses named after CUSTOM', async () => {
    const client = await login();
    await client.command('event plain CUSTOM conference::maintenance');
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    await client.command(`sendmsg ${uuid}\ncall-command: execute\nexecute-app-name: avmd\nexecute-app-arg: start`);
    await client.command(`sendmsg ${uuid}\ncall-command: execute\nexecute-app-name: conference\nexecute-app-arg: room1@default`);
    const created = await client.event('CUSTOM');
    expect(created).toMatchObject({ 'Event-Subclass': 'conference::maintenance', Action: 'conference-create', 'Conference-Name': 'room1' });
    const added = await client.event('CUSTOM');
    expect(added).toMatchObject({ Action: 'add-member', 'Member-ID': '1', 'Unique-ID': uuid, 'Conference-Size': '1' });
    expect(client.pending().map((f) => plainEventHeaders(f.body)['Event-Subclass'])).not.toContain('avmd::start');
  });

  it('binds to one channel with myevents and ends when it hangs up, unless lingering', async () => {
    const log = new EventLog(sim);
    const first = sim.placeCall({ from: '1000', to: '2000' });
    const second = sim.placeCall({ from: '1001', to: '2001' });
    const watcher = await login();
    expect(await reply(watcher, `myevents ${first}`)).toBe('+OK Events Enabled');
    expect(await reply(watcher, `myevents ${first}`)).toBe('-ERR aready enabled.');
    const lingering = await login();
    expect(await reply(lingering, `myevents ${second}`)).toBe('+OK Events Enabled');
    expect(await reply(lingering, 'linger')).toBe('+OK will linger');

    sim.hangup(first);
    // Not lingering, the watcher leaves as the channel goes down, before its CHANNEL_HANGUP.
    const notice = await watcher.next((f) => f.headers['Content-Type'] === 'text/disconnect-notice');
    expect(log.of(first)).toContain('CHANNEL_HANGUP');
    expect(notice.raw.toString()).toBe(
      `Content-Type: text/disconnect-notice\nControlled-Session-UUID: ${first}\nContent-Disposition: disconnect\nContent-Length: 67\n\nDisconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n`,
    );
    await watcher.closed;
    expect(watcher.pending().map((f) => f.headers['Content-Type'])).not.toContain('text/event-plain');

    sim.hangup(second);
    expect((await lingering.event('CHANNEL_HANGUP'))['Unique-ID']).toBe(second);
    const linger = await lingering.next((f) => f.headers['Content-Type'] === 'text/disconnect-notice');
    expect(linger.raw.toString()).toBe(
      `Content-Type: text/disconnect-notice\nControlled-Session-UUID: ${second}\nContent-Disposition: linger\nChannel-Name: sofia/internal/1001@127.0.0.1\nLinger-Time: -1\nContent-Length: 0\n\n`,
    );
    expect((await lingering.event('CHANNEL_HANGUP_COMPLETE'))['Unique-ID']).toBe(second);
    expect(log.of(second)).not.toContain('CHANNEL_DESTROY');
    await lingering.command('exit');
    await log.waitForEvent('CHANNEL_DESTROY', second);
    log.stop();
  });
});
