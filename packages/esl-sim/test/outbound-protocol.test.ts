import { afterEach, describe, expect, it } from '@jest/globals';
import net from 'node:net';
import { EslSimulator } from '../src/index.js';
import { delay, freePort } from './helpers/ports.js';
import { plainEventHeaders, RawClient } from './helpers/raw-client.js';

/** The application's side of the outbound socket, byte for byte. */
describe('the outbound event socket, byte for byte', () => {
  let sim: EslSimulator | undefined;
  let app: net.Server | undefined;
  const sockets: RawClient[] = [];

  /** An application server whose connections the test takes one by one. */
  const startApp = async () => {
    const accepted: RawClient[] = [];
    const waiting: ((client: RawClient) => void)[] = [];
    app = net.createServer((socket) => {
      const client = RawClient.wrap(socket);
      sockets.push(client);
      const waiter = waiting.shift();
      if (waiter) waiter(client);
      else accepted.push(client);
    });
    await new Promise<void>((resolve) => app!.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (app.address() as net.AddressInfo).port;
    const next = () => new Promise<RawClient>((resolve) => (accepted.length > 0 ? resolve(accepted.shift()!) : waiting.push(resolve)));
    return { port, next };
  };

  afterEach(async () => {
    await sim?.stop();
    await Promise.all(sockets.splice(0).map((socket) => socket.close()));
    await new Promise<void>((resolve) => (app ? app.close(() => resolve()) : resolve()));
    sim = undefined;
    app = undefined;
  });

  it('answers connect with the CHANNEL_DATA event, URL-encoded, ending in the reply headers', async () => {
    const { port, next } = await startApp();
    sim = new EslSimulator({ timeScale: 0.01, appAddrs: [`127.0.0.1:${port}`] });
    await sim.start();
    const uuid = sim.placeCall({ from: '1000', to: '2000', caller_id_name: 'Jane Doe' });
    const socket = await next();
    const reply = await socket.command('connect');
    const text = reply.raw.toString();
    expect(text).toMatch(/^Event-Name: CHANNEL_DATA\nCore-UUID: [0-9a-f-]{36}\nFreeSWITCH-Hostname: /);
    expect(text).toContain('\nEvent-Date-GMT: ');
    expect(text).toContain('\nChannel-Direction: inbound\nChannel-Logical-Direction: inbound\n');
    expect(text).toContain(`\nUnique-ID: ${uuid}\n`);
    expect(text).toContain('\nCaller-Caller-ID-Name: Jane%20Doe\n');
    expect(text).toContain('\nvariable_sip_from_uri: 1000%40127.0.0.1\n');
    expect(text.endsWith('\nContent-Type: command/reply\nReply-Text: %2BOK%0A\nSocket-Mode: async\nControl: full\n\n')).toBe(true);
    expect(await sim.waitForCall(uuid, (c) => c.events.includes('CHANNEL_PARK'))).toBeDefined();
  });

  it('controls its own channel: getvar, sendmsg without a UUID, myevents, resume', async () => {
    const { port, next } = await startApp();
    sim = new EslSimulator({ timeScale: 0.01, appAddrs: [`127.0.0.1:${port}`] });
    await sim.start();
    const other = sim.placeCall({ from: '999', to: '998' });
    const socketForOther = await next();
    await socketForOther.command('connect');
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    const socket = await next();
    await socket.command('connect');
    expect((await socket.command('getvar sip_req_user')).headers['Reply-Text']).toBe('2000');
    expect((await socket.command('getvar not_set')).headers['Reply-Text']).toBe('-ERR command not found');
    expect((await socket.command('myevents')).headers['Reply-Text']).toBe('+OK Events Enabled');
    expect((await socket.command('resume')).headers['Reply-Text']).toBe('+OK');
    await socketForOther.command('sendmsg\ncall-command: execute\nexecute-app-name: answer');
    await sim.waitForCall(other, (c) => c.answered);
    socket.send(`sendmsg\ncall-command: execute\nexecute-app-name: answer\n\nsendmsg ${uuid}\ncall-command: execute\nexecute-app-name: set\nexecute-app-arg: mine=1\n\n`);
    const frames = await socket.until((f) => plainEventHeaders(f.body)['Application'] === 'set' && plainEventHeaders(f.body)['Event-Name'] === 'CHANNEL_EXECUTE_COMPLETE');
    expect(frames.filter((f) => f.headers['Content-Type'] === 'command/reply').map((f) => f.headers['Reply-Text'])).toEqual(['+OK', '+OK']);
    const events = frames.filter((f) => f.headers['Content-Type'] === 'text/event-plain').map((f) => plainEventHeaders(f.body));
    // myevents takes the channel events, not CHANNEL_CALLSTATE, and only this channel's.
    expect(events.map((e) => e['Event-Name'])).toEqual(['CHANNEL_EXECUTE', 'CHANNEL_ANSWER', 'CHANNEL_EXECUTE_COMPLETE', 'CHANNEL_EXECUTE', 'CHANNEL_EXECUTE_COMPLETE']);
    expect(events.every((e) => e['Unique-ID'] === uuid)).toBe(true);
    expect(sim.getCall(uuid).variables).toMatchObject({ socket_resume: 'true', mine: '1' });
  });

  it('lingers for the time asked, then says goodbye for the controlled session', async () => {
    const { port, next } = await startApp();
    sim = new EslSimulator({ timeScale: 0.01, appAddrs: [`127.0.0.1:${port}`] });
    await sim.start();
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    const socket = await next();
    await socket.command('connect');
    expect((await socket.command('linger 2')).headers['Reply-Text']).toBe('+OK will linger 2 seconds');
    expect((await socket.command('event plain CHANNEL_HANGUP_COMPLETE')).headers['Reply-Text']).toBe('+OK event listener enabled plain');
    sim.hangup(uuid);
    const notice = await socket.next((f) => f.headers['Content-Type'] === 'text/disconnect-notice');
    expect(notice.raw.toString()).toBe(
      `Content-Type: text/disconnect-notice\nControlled-Session-UUID: ${uuid}\nContent-Disposition: linger\nChannel-Name: sofia/internal/1000@127.0.0.1\nLinger-Time: 2\nContent-Length: 0\n\n`,
    );
    expect((await socket.event('CHANNEL_HANGUP_COMPLETE'))['Unique-ID']).toBe(uuid);
    const goodbye = await socket.next((f) => f.headers['Content-Type'] === 'text/disconnect-notice');
    expect(goodbye.raw.toString()).toBe(
      `Content-Type: text/disconnect-notice\nControlled-Session-UUID: ${uuid}\nContent-Disposition: disconnect\nContent-Length: 67\n\nDisconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n`,
    );
    await socket.closed;
    await sim.waitForCall(uuid, (c) => c.destroyed);
  });

  it('stops with the shutdown notice even when a socket lingers for ever', async () => {
    const { port, next } = await startApp();
    sim = new EslSimulator({ timeScale: 0.01, appAddrs: [`127.0.0.1:${port}`] });
    await sim.start();
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    const socket = await next();
    await socket.command('connect');
    await socket.command('linger');
    const stopping = sim.stop();
    const frames = await socket.until((f) => f.headers['Content-Disposition'] === 'disconnect');
    expect(frames.at(-1)!.raw.toString()).toBe(
      `Content-Type: text/disconnect-notice\nControlled-Session-UUID: ${uuid}\nContent-Disposition: disconnect\nContent-Length: 31\n\nThe system is being shut down.\n`,
    );
    expect(frames.some((f) => f.headers['Content-Disposition'] === 'linger')).toBe(true);
    await stopping;
    sim = undefined;
  });

  it('without linger, says goodbye as the channel goes down, before its hangup events', async () => {
    const { port, next } = await startApp();
    sim = new EslSimulator({ timeScale: 0.01, appAddrs: [`127.0.0.1:${port}`] });
    await sim.start();
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    const socket = await next();
    await socket.command('connect');
    await socket.command('linger');
    expect((await socket.command('nolinger')).headers['Reply-Text']).toBe('+OK will not linger');
    await socket.command('event plain ALL');
    sim.hangup(uuid);
    const frames = await socket.until((f) => f.headers['Content-Type'] === 'text/disconnect-notice');
    await socket.closed;
    const names = frames.slice(0, -1).map((f) => plainEventHeaders(f.body)['Event-Name']);
    // mod_event_socket sees the channel down before CHANNEL_HANGUP reaches its queue: only linger gets the hangup's events.
    expect(names).toEqual([]);
    expect(socket.pending()).toEqual([]);
  });

  it('refuses the full-only commands on a socket opened without full', async () => {
    const { port, next } = await startApp();
    sim = new EslSimulator({ timeScale: 0.01 });
    const { esl } = await sim.start();
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    const controller = await RawClient.login(esl.port);
    sockets.push(controller);
    await controller.command(`sendmsg ${uuid}\ncall-command: execute\nexecute-app-name: socket\nexecute-app-arg: 127.0.0.1:${port} async`);
    const socket = await next();
    expect((await socket.command('connect')).raw.toString()).toMatch(/\nSocket-Mode: async\nControl: single-channel\n\n$/);
    for (const command of ['api status', 'bgapi status', 'event plain ALL', 'linger', 'noevents', 'sendevent CUSTOM']) {
      expect([command, (await socket.command(command)).headers['Reply-Text']]).toEqual([command, '-ERR command not found']);
    }
    expect((await socket.command('filter Unique-ID x')).headers['Reply-Text']).toBe('+OK filter added. [Unique-ID]=[x]');
    expect((await socket.command('myevents json')).headers['Reply-Text']).toBe('+OK Events Enabled');
    expect((await socket.command('sendmsg\ncall-command: hangup\nhangup-cause: NORMAL_UNSPECIFIED')).headers['Reply-Text']).toBe('+OK');
    expect((await sim.waitForCall(uuid, (c) => c.destroyed)).hangup_cause).toBe('NORMAL_UNSPECIFIED');
  });

  it('hangs the call up when the application sends nothing in time, and waits for connect once it has spoken', async () => {
    const { port, next } = await startApp();
    sim = new EslSimulator({ timeScale: 0.01, appAddrs: [`127.0.0.1:${port}`], connectCommandTimeoutMs: 100 });
    await sim.start();
    const silent = sim.placeCall({ from: '1000', to: '2000' });
    const socket = await next();
    await socket.next((f) => f.headers['Content-Type'] === 'text/disconnect-notice');
    expect((await sim.waitForCall(silent, (c) => c.destroyed)).hangup_cause).toBe('NORMAL_CLEARING');

    const slow = sim.placeCall({ from: '1001', to: '2001' });
    const slowSocket = await next();
    expect((await slowSocket.command('event plain CHANNEL_PARK')).headers['Reply-Text']).toBe('+OK event listener enabled plain');
    await delay(300);
    await slowSocket.command('connect');
    expect((await slowSocket.event('CHANNEL_PARK'))['Unique-ID']).toBe(slow);
  });

  it('hangs the call up when no application answers', async () => {
    sim = new EslSimulator({ timeScale: 0.01, appAddrs: [`127.0.0.1:${await freePort()}`] });
    await sim.start();
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    const view = await sim.waitForCall(uuid, (c) => c.destroyed);
    expect(view.hangup_cause).toBe('NORMAL_CLEARING');
    expect(view.applications).toEqual([expect.objectContaining({ name: 'socket', response: '_none_' })]);
  });

  it('sends a leg originated to an extension through the dialplan to the application', async () => {
    const { port, next } = await startApp();
    sim = new EslSimulator({ timeScale: 0.01, appAddrs: [`127.0.0.1:${port}`] });
    const { esl } = await sim.start();
    const controller = await RawClient.login(esl.port);
    sockets.push(controller);
    const originated = controller.api('originate {origination_caller_id_number=5551000}sofia/gateway/carrier/5555 1234 XML default');
    const socket = await next();
    const data = plainEventHeaders((await socket.command('connect')).raw.toString());
    const uuid = /^\+OK (\S+)\n$/.exec(await originated)![1];
    expect(data).toMatchObject({
      'Unique-ID': uuid,
      'Call-Direction': 'outbound',
      'Channel-HIT-Dialplan': 'true',
      'Answer-State': 'answered',
      'Caller-Destination-Number': '1234',
      'Caller-Caller-ID-Number': '5551000',
      variable_dialed_user: '5555',
    });
  });
});
