import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { silentWav } from '@voxmesh/testkit';
import { EslSimulator } from '@voxmesh/esl-sim';
import { MeshNames } from '@voxmesh/mesh';
import { customerManagerModule } from '@voxmesh/customer-manager';
import { flowManagerModule } from '@voxmesh/flow-manager';
import { callManagerModule, type CallManagerHandle } from '@voxmesh/call-manager';
import { GatewayEnv, eventually, loginWithKey, type Api, type Started } from './harness.js';

const MASTER_KEY = 'media-by-url-master-key-0123456789abcdef';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const wav = silentWav;

/** An MPEG-1 layer III frame header followed by silence: enough for the type to be told. */
const mp3 = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413)]);

/**
 * Media created with a `url` (voxmesh's field; Kazoo's media.json has none): the gateway has
 * call-manager fetch the audio from the customer's server and store it where an upload
 * to `/raw` goes, and esl-sim plays it by the media's id. What cannot be had is a 400
 * naming `url`, and the document is not kept.
 */
describe('media fetched by url over REST, played on a call', () => {
  const env = new GatewayEnv();
  const instanceId = `test-${env.namespace}`;
  const recordingDir = mkdtempSync(join(tmpdir(), 'voxmesh-media-url-'));
  let sim: EslSimulator;
  let started: Started;
  let accountId: string;
  let api: Api;
  let audioServer: Server;
  let base = '';
  const greeting = wav(200);

  beforeAll(async () => {
    audioServer = createServer((request, response) => {
      const send = (type: string, body: Buffer | string) => {
        response.setHeader('content-type', type);
        response.end(body);
      };
      if (request.url === '/greeting.wav') return send('audio/wav', greeting);
      if (request.url === '/hold.mp3') return send('audio/mpeg; charset=binary', mp3);
      if (request.url === '/page.html') return send('text/html', '<html>not audio</html>');
      if (request.url === '/liar.wav') return send('audio/wav', '<html>not audio</html>');
      if (request.url === '/huge.wav') return send('audio/wav', Buffer.concat([wav(0), Buffer.alloc(6 * 1024 * 1024)]));
      response.statusCode = 404;
      response.end();
    });
    await new Promise<void>((resolve) => audioServer.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(audioServer.address() as net.AddressInfo).port}`;
    const socketPort = await freePort();
    sim = new EslSimulator({ eslListenAddr: '127.0.0.1:0', appAddrs: [`127.0.0.1:${socketPort}`], controlListenAddr: null, timeScale: 0.01 });
    const addresses = await sim.start();
    env.trackQueue(`${new MeshNames(env.namespace).requestQueue('call-manager')}.${instanceId}`);
    started = await env.start({
      services: [customerManagerModule, flowManagerModule, callManagerModule],
      gatewayFlags: [
        '-master_api_key', MASTER_KEY,
        '-esl_addr', `127.0.0.1:${addresses.esl.port}`,
        '-esl_listen_addr', `127.0.0.1:${socketPort}`,
        '-recording_dir', recordingDir,
        '-shutdown_grace_ms', '0',
        '-instance_id', instanceId,
        '-recording_upload_allow_private',
      ],
    });
    const callManager = started.running.find((service) => 'pool' in service) as CallManagerHandle;
    await eventually('call-manager to reach esl-sim', () => callManager.pool.servers.every((server) => server.connected), 20_000);
    ({ api } = await loginWithKey(started.gateway.httpUrl, MASTER_KEY));
    accountId = ((await api.put('/v2/accounts', { name: 'Media By URL Co' })).body.data as { id: string }).id;
  }, 120_000);

  afterAll(async () => {
    for (const call of sim?.listCalls() ?? []) if (!call.destroyed && call.hangup_at === null) sim.hangup(call.uuid);
    await env.cleanup();
    await sim?.stop();
    await new Promise<void>((resolve) => (audioServer ? audioServer.close(() => resolve()) : resolve()));
    rmSync(recordingDir, { recursive: true, force: true });
  }, 60_000);

  const media = (id = '') => `/v2/accounts/${accountId}/media${id === '' ? '' : `/${id}`}`;
  const download = (path: string) => fetch(`${started.gateway.httpUrl}${path}`, { headers: { 'x-auth-token': api.token! } });

  it('fetches a wav by url on create, serves it from /raw, and esl-sim plays it by the media id', async () => {
    const created = await api.put(media(), { name: 'Greeting', url: `${base}/greeting.wav` });
    expect(created.status).toBe(201);
    const doc = created.body.data as Record<string, unknown> & { id: string };
    expect(doc).toMatchObject({ name: 'Greeting', url: `${base}/greeting.wav`, content_type: 'audio/wav', content_length: greeting.length });
    expect(doc).not.toHaveProperty('media_path');
    const back = await download(`${media(doc.id)}/raw`);
    expect(back.status).toBe(200);
    expect(Buffer.from(await back.arrayBuffer()).equals(greeting)).toBe(true);

    expect((await api.put(`/v2/accounts/${accountId}/callflows`, { numbers: ['7200'], flow: { module: 'play', data: { id: doc.id }, children: { _: { module: 'hangup' } } } })).status).toBe(201);
    const uuid = sim.placeCall({ from: '+15559200', to: '7200' });
    const playback = await eventually('the prompt played', () => sim.getCall(uuid).applications.find((app) => app.name === 'playback' && app.response !== null), 20_000);
    expect(playback.arg).toBe(join(recordingDir, 'media', accountId, `${doc.id}.wav`));
    expect(playback.response).toBe('FILE PLAYED');
  });

  it('replaces the audio with an mp3 by url on POST and PATCH, typed by its Content-Type', async () => {
    const id = ((await api.put(media(), { name: 'Hold' })).body.data as { id: string }).id;
    const replaced = await api.post(media(id), { name: 'Hold', url: `${base}/hold.mp3` });
    expect(replaced.status).toBe(200);
    expect(replaced.body.data).toMatchObject({ content_type: 'audio/mpeg', content_length: mp3.length });
    const back = await download(`${media(id)}/raw`);
    expect(back.headers.get('content-type')).toBe('audio/mpeg');
    expect(Buffer.from(await back.arrayBuffer()).equals(mp3)).toBe(true);
    const patched = await api.patch(media(id), { url: `${base}/greeting.wav` });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ url: `${base}/greeting.wav`, content_type: 'audio/wav', content_length: greeting.length });
  });

  it('refuses a url that is bad, not audio, lying about its type, too big or missing with a 400 naming url, keeping nothing', async () => {
    const before = ((await api.get(media())).body.data as unknown[]).length;
    for (const url of ['not a url', 'ftp://127.0.0.1/greeting.wav', `${base}/page.html`, `${base}/liar.wav`, `${base}/huge.wav`, `${base}/missing.wav`]) {
      const reply = await api.put(media(), { name: 'Bad', url });
      expect({ url, status: reply.status }).toEqual({ url, status: 400 });
      expect(reply.body.data).toHaveProperty('url');
    }
    expect(((await api.get(media())).body.data as unknown[]).length).toBe(before);

    const id = ((await api.put(media(), { name: 'Kept', url: `${base}/greeting.wav` })).body.data as { id: string }).id;
    const refused = await api.post(media(id), { name: 'Changed', url: `${base}/page.html` });
    expect(refused.status).toBe(400);
    expect(refused.body.data).toHaveProperty('url');
    expect((await api.get(media(id))).body.data).toMatchObject({ name: 'Kept', content_type: 'audio/wav', content_length: greeting.length });
  });
});
