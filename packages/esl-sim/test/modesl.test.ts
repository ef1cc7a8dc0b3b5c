import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import modesl, { type Connection, type Event } from 'modesl';
import { EslSimulator } from '../src/index.js';

/**
 * modesl, a second ESL implementation written apart from `esl`, against the
 * simulator: so that it is FreeSWITCH the simulator imitates, not one library's
 * reading of it.
 */
describe('modesl', () => {
  let sim: EslSimulator;
  const connections: Connection[] = [];

  const connect = async (port: number): Promise<Connection> => {
    const connection = await new Promise<Connection>((resolve, reject) => {
      const conn: Connection = new modesl.Connection('127.0.0.1', port, 'ClueCon', () => resolve(conn));
      conn.on('error', reject);
    });
    connections.push(connection);
    return connection;
  };
  const api = (conn: Connection, command: string) => new Promise<Event>((resolve) => conn.api(command, resolve));
  const bgapi = (conn: Connection, command: string) => new Promise<Event>((resolve) => conn.bgapi(command, resolve));

  beforeEach(() => {
    sim = new EslSimulator({ timeScale: 0.01 });
  });

  afterEach(async () => {
    for (const connection of connections.splice(0)) connection.disconnect();
    await sim.stop();
  });

  it('authenticates, runs api and bgapi, and reads plain events', async () => {
    const { esl } = await sim.start();
    const conn = await connect(esl.port);
    expect((await api(conn, 'status')).getBody()).toMatch(/^UP /);
    expect((await api(conn, 'frobnicate')).getBody()).toBe('-ERR frobnicate Command not found!\n');

    const answered = new Promise<Event>((resolve) => conn.on('esl::event::CHANNEL_ANSWER::*', resolve));
    await new Promise((resolve) => conn.events('plain', 'CHANNEL_ANSWER', resolve));
    const job = await bgapi(conn, 'originate {origination_caller_id_name=\'Jane Doe\'}sofia/gateway/carrier/6000 &park()');
    const uuid = /^\+OK (\S+)\n$/.exec(job.getBody())![1]!;
    const answer = await answered;
    expect(answer.getHeader('Unique-ID')).toBe(uuid);
    expect(answer.getHeader('Caller-Caller-ID-Name')).toBe('Jane Doe');
    expect(answer.getHeader('Answer-State')).toBe('answered');
  });

  it('executes applications on a channel and matches the completion by Event-UUID', async () => {
    const { esl } = await sim.start();
    const conn = await connect(esl.port);
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    const done = await new Promise<Event>((resolve) => conn.execute('playback', 'silence_stream://1500', uuid, resolve));
    expect(done.getHeader('Application')).toBe('playback');
    expect(done.getHeader('Application-Response')).toBe('FILE PLAYED');
    expect(done.getHeader('Application-UUID')).toMatch(/^[0-9a-f-]{36}$/);
    const set = await new Promise<Event>((resolve) => conn.execute('set', 'greeting=${sip_req_user} ok', uuid, resolve));
    expect(set.getHeader('Application-Data')).toBe('greeting=2000 ok');
    expect((await api(conn, `uuid_getvar ${uuid} greeting`)).getBody()).toBe('2000 ok');
  });

  it('serves as the outbound socket server each call connects to', async () => {
    const server = new modesl.Server({ host: '127.0.0.1', port: 0, myevents: true });
    await new Promise<void>((resolve) => server.once('ready', () => resolve()));
    const port = (server.server.address() as AddressInfo).port;
    sim = new EslSimulator({ timeScale: 0.01, appAddrs: [`127.0.0.1:${port}`] });
    await sim.start();
    const ready = new Promise<Connection>((resolve) => server.on('connection::ready', resolve));
    const uuid = sim.placeCall({ from: '1000', to: '2000', variables: { sip_auth_username: 'jane' } });
    const conn = await ready;
    expect(conn.getInfo().getHeader('Unique-ID')).toBe(uuid);
    expect(conn.getInfo().getHeader('variable_sip_auth_username')).toBe('jane');
    const answered = await new Promise<Event>((resolve) => conn.execute('answer', '', resolve));
    expect(answered.getHeader('Application-Response')).toBe('_none_');
    expect(sim.getCall(uuid).answered).toBe(true);
    conn.disconnect();
    await sim.waitForCall(uuid, (c) => c.destroyed);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
