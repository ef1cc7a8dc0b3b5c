import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { silentWav } from '@voxmesh/testkit';
import { EslSimulator } from '@voxmesh/esl-sim';
import { MeshNames } from '@voxmesh/mesh';
import { customerManagerModule } from '@voxmesh/customer-manager';
import { flowManagerModule } from '@voxmesh/flow-manager';
import { callManagerModule, type CallManagerHandle } from '@voxmesh/call-manager';
import { webhookManagerModule } from '@voxmesh/webhook-manager';
import { createServer, type Server } from 'node:http';
import { parseJson } from '@voxmesh/wire';
import { PDFDocument } from 'pdf-lib';
import { GatewayEnv, eventually, loginWithKey, type Api, type Started } from './harness.js';

const MASTER_KEY = 'voicemail-messages-master-key-0123456789';

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

/** A TIFF of two blank pages: a chain of two image file directories. */
function twoPageTiff(): Buffer {
  const file = Buffer.alloc(8 + 2 * 18);
  file.write('II*\u0000', 0, 'binary');
  file.writeUInt32LE(8, 4);
  for (const [at, next] of [[8, 26], [26, 0]] as const) {
    file.writeUInt16LE(1, at);
    file.writeUInt16LE(256, at + 2);
    file.writeUInt16LE(3, at + 4);
    file.writeUInt32LE(1, at + 6);
    file.writeUInt16LE(1728, at + 10);
    file.writeUInt32LE(next, at + 14);
  }
  return file;
}

/**
 * Kazoo's media, voicemail messages and faxes over REST around real calls (esl-sim →
 * call-manager → flow-manager): a prompt uploaded to `/media/{id}/raw` and played by its
 * id; a voicemail message's audio downloaded from `/raw`, the message moved to another
 * box with `source_id` and copied to a list of boxes (vmboxes.md); a fax received into a
 * fax box, listed in the inbox and downloaded as a TIFF.
 */
describe('media, voicemail messages and faxes over REST, played, recorded and received on calls', () => {
  const env = new GatewayEnv();
  const instanceId = `test-${env.namespace}`;
  const recordingDir = mkdtempSync(join(tmpdir(), 'voxmesh-vm-'));
  let sim: EslSimulator;
  let started: Started;
  let accountId: string;
  let api: Api;
  const boxes: Record<string, string> = {};
  /** What the account's webhooks sent: each request's path and body. */
  const received: { url: string; body: string }[] = [];
  let receiver: Server;
  let receiverUrl = '';

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      if (request.method === 'GET' && request.url === '/documents/two-pages.tiff') {
        response.setHeader('content-type', 'image/tiff');
        response.end(twoPageTiff());
        return;
      }
      if (request.method === 'GET' && request.url === '/documents/letter.pdf') {
        response.end('%PDF-1.4 not a fax');
        return;
      }
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ url: request.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as net.AddressInfo).port}`;
    const socketPort = await freePort();
    sim = new EslSimulator({ eslListenAddr: '127.0.0.1:0', appAddrs: [`127.0.0.1:${socketPort}`], controlListenAddr: null, timeScale: 0.01 });
    const addresses = await sim.start();
    env.trackQueue(`${new MeshNames(env.namespace).requestQueue('call-manager')}.${instanceId}`);
    started = await env.start({
      services: [customerManagerModule, flowManagerModule, callManagerModule, webhookManagerModule],
      gatewayFlags: [
        '-master_api_key', MASTER_KEY,
        '-esl_addr', `127.0.0.1:${addresses.esl.port}`,
        '-esl_listen_addr', `127.0.0.1:${socketPort}`,
        '-recording_dir', recordingDir,
        '-shutdown_grace_ms', '0',
        '-instance_id', instanceId,
        '-webhook_allow_private',
        '-recording_upload_allow_private',
      ],
    });
    const callManager = started.running.find((service) => 'pool' in service) as CallManagerHandle;
    await eventually('call-manager to reach esl-sim', () => callManager.pool.servers.every((server) => server.connected), 20_000);
    ({ api } = await loginWithKey(started.gateway.httpUrl, MASTER_KEY));
    accountId = ((await api.put('/v2/accounts', { name: 'Voicemail Messages Co' })).body.data as { id: string }).id;
    for (const [name, mailbox, max] of [['main', '7001', 10], ['other', '7002', 10], ['copy', '7003', 10], ['full', '7004', 0]] as const) {
      boxes[name] = ((await api.put(`/v2/accounts/${accountId}/vmboxes`, { name, mailbox, max_message_count: max })).body.data as { id: string }).id;
    }
    expect((await api.put(`/v2/accounts/${accountId}/callflows`, { numbers: ['7001'], flow: { module: 'voicemail', data: { id: boxes.main } } })).status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    for (const call of sim?.listCalls() ?? []) if (!call.destroyed && call.hangup_at === null) sim.hangup(call.uuid);
    await env.cleanup();
    await sim?.stop();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
    rmSync(recordingDir, { recursive: true, force: true });
  }, 60_000);

  const messages = (box: string) => `/v2/accounts/${accountId}/vmboxes/${box}/messages`;
  const download = (path: string, accept?: string) => fetch(`${started.gateway.httpUrl}${path}`, { headers: { 'x-auth-token': api.token!, ...(accept ? { accept } : {}) } });

  it('downloads the audio of a message a caller left, then moves it to another box and copies it to a list', async () => {
    const uuid = sim.placeCall({ from: '+15559001', to: '7001', caller_id_name: 'Vera' });
    await eventually('recording', () => sim.getCall(uuid).applications.some((app) => app.name === 'record' && app.response === null), 20_000);
    await sim.sendDtmf(uuid, { digits: '#' });
    const listed = await eventually('the message stored', async () => {
      const reply = await api.get(`${messages(boxes.main!)}?folder=new`);
      return (reply.body.data as { media_id: string }[]).length === 1 ? (reply.body.data as { media_id: string; length: number }[]) : undefined;
    }, 20_000);
    const id = listed[0]!.media_id;

    const audio = await download(`${messages(boxes.main!)}/${id}/raw`);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    expect(audio.headers.get('content-disposition')).toBe(`attachment; filename="${id}.wav"`);
    const bytes = Buffer.from(await audio.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(bytes.subarray(8, 12).toString('ascii')).toBe('WAVE');
    expect(bytes.length).toBeGreaterThan(44);

    const moved = await api.post(`${messages(boxes.main!)}/${id}`, { source_id: boxes.other });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ media_id: id, vmbox_id: boxes.other, folder: 'new', caller_id_name: 'Vera' });
    expect((await api.get(messages(boxes.main!))).body.data).toEqual([]);
    expect((await api.get(`${messages(boxes.main!)}/${id}`)).status).toBe(404);
    expect((await download(`${messages(boxes.other!)}/${id}/raw`)).status).toBe(200);

    const copied = await api.post(`${messages(boxes.other!)}/${id}`, { source_id: [boxes.copy, boxes.main], folder: 'saved' });
    expect(copied.body.data).toMatchObject({ media_id: id, vmbox_id: boxes.other });
    for (const box of [boxes.copy!, boxes.main!]) {
      const copies = (await api.get(messages(box))).body.data as { media_id: string; folder: string; caller_id_number: string }[];
      expect(copies).toEqual([expect.objectContaining({ folder: 'saved', caller_id_number: '+15559001' })]);
      expect(copies[0]!.media_id).not.toBe(id);
      expect((await download(`${messages(box)}/${copies[0]!.media_id}/raw`)).status).toBe(200);
    }
  });

  it('refuses a move to a box that is not there (400 naming source_id) or is full (409); a missing message is a 404', async () => {
    const uuid = sim.placeCall({ from: '+15559002', to: '7001' });
    await eventually('recording', () => sim.getCall(uuid).applications.some((app) => app.name === 'record' && app.response === null), 20_000);
    await sim.sendDtmf(uuid, { digits: '#' });
    const id = await eventually('the message stored', async () => {
      const found = ((await api.get(`${messages(boxes.main!)}?folder=new`)).body.data as { media_id: string }[])[0];
      return found?.media_id;
    }, 20_000);
    const nowhere = await api.post(`${messages(boxes.main!)}/${id}`, { source_id: 'ffffffffffffffffffffffffffffffff' });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.data).toHaveProperty('source_id');
    const badList = await api.post(`${messages(boxes.main!)}/${id}`, { source_id: [boxes.copy, 'not-an-id'] });
    expect(badList.status).toBe(400);
    expect(badList.body.data).toHaveProperty(['source_id.1']);
    expect((await api.post(`${messages(boxes.main!)}/${id}`, { source_id: boxes.full })).status).toBe(409);
    expect((await api.post(`${messages(boxes.main!)}/${id}`, {})).status).toBe(400);
    expect((await api.get(`${messages(boxes.main!)}/${id}`)).body.data).toMatchObject({ vmbox_id: boxes.main, folder: 'new' });
    expect((await download(`${messages(boxes.main!)}/ffffffffffffffffffffffffffffffff/raw`)).status).toBe(404);
  });

  const wav = silentWav;
  const upload = (path: string, body: Buffer, contentType: string, method = 'PUT') =>
    fetch(`${started.gateway.httpUrl}${path}`, { method, headers: { 'x-auth-token': api.token!, 'content-type': contentType }, body });
  const media = (id = '') => `/v2/accounts/${accountId}/media${id === '' ? '' : `/${id}`}`;

  it('uploads a prompt to /raw, downloads it back, and plays it by its id in a callflow and as a greeting', async () => {
    const created = await api.put(media(), { name: 'Welcome', description: 'the shop greeting', media_source: 'upload', streamable: true });
    expect(created.status).toBe(201);
    const id = (created.body.data as { id: string }).id;
    expect((await download(`${media(id)}/raw`)).status).toBe(404);

    const audio = wav(250);
    const uploaded = await upload(`${media(id)}/raw`, audio, 'audio/wav');
    expect(uploaded.status).toBe(200);
    const doc = ((await uploaded.json()) as { data: Record<string, unknown> }).data;
    expect(doc).toMatchObject({ id, name: 'Welcome', content_type: 'audio/wav', content_length: audio.length });
    expect(doc).not.toHaveProperty('media_path');
    const back = await download(`${media(id)}/raw`);
    expect(back.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await back.arrayBuffer()).equals(audio)).toBe(true);
    // A replacement keeps the audio; a second upload (POST, as Kazoo also takes) replaces it.
    expect((await api.post(media(id), { name: 'Welcome 2' })).body.data).toMatchObject({ name: 'Welcome 2', content_length: audio.length });
    expect((await upload(`${media(id)}/raw`, wav(100), 'audio/wav', 'POST')).status).toBe(200);
    expect((await api.get(media(id))).body.data).toMatchObject({ content_length: wav(100).length });

    expect((await api.put(`/v2/accounts/${accountId}/callflows`, { numbers: ['7100'], flow: { module: 'play', data: { id }, children: { _: { module: 'hangup' } } } })).status).toBe(201);
    const played = sim.placeCall({ from: '+15559100', to: '7100' });
    await eventually('the prompt played', () => sim.getCall(played).applications.find((app) => app.name === 'playback' && app.response !== null), 20_000);
    const playback = sim.getCall(played).applications.find((app) => app.name === 'playback')!;
    expect(playback.arg).toBe(join(recordingDir, 'media', accountId, `${id}.wav`));
    expect(playback.response).toBe('FILE PLAYED');

    // The same media as a voicemail box's greeting.
    expect((await api.patch(`/v2/accounts/${accountId}/vmboxes/${boxes.other}`, { media: { unavailable: id } })).status).toBe(200);
    expect((await api.put(`/v2/accounts/${accountId}/callflows`, { numbers: ['7101'], flow: { module: 'voicemail', data: { id: boxes.other } } })).status).toBe(201);
    const caller = sim.placeCall({ from: '+15559101', to: '7101' });
    await eventually('recording', () => sim.getCall(caller).applications.some((app) => app.name === 'record' && app.response === null), 20_000);
    expect(sim.getCall(caller).applications.find((app) => app.name === 'playback')!.arg).toBe(join(recordingDir, 'media', accountId, `${id}.wav`));
    sim.hangup(caller);
  });

  it('speaks a tts media by its id', async () => {
    const created = await api.put(media(), { name: 'Hours', media_source: 'tts', tts: { text: 'We are open nine to five', voice: 'male/en-US' } });
    expect(created.status).toBe(201);
    const id = (created.body.data as { id: string }).id;
    expect((await api.put(`/v2/accounts/${accountId}/callflows`, { numbers: ['7102'], flow: { module: 'play', data: { id }, children: { _: { module: 'hangup' } } } })).status).toBe(201);
    const uuid = sim.placeCall({ from: '+15559102', to: '7102' });
    const speak = await eventually('spoken', () => sim.getCall(uuid).applications.find((app) => app.name === 'speak'), 20_000);
    expect(speak.arg).toBe('flite|kal|We are open nine to five');
  });

  it('refuses bad media with a 400 naming the field, and answers 404 for media it does not have', async () => {
    const noText = await api.put(media(), { name: 'Empty', media_source: 'tts' });
    expect(noText.status).toBe(400);
    expect(noText.body.data).toHaveProperty('tts');
    const badSource = await api.put(media(), { name: 'Odd', media_source: 'fax' });
    expect(badSource.status).toBe(400);
    expect(badSource.body.data).toHaveProperty('media_source');
    const id = ((await api.put(media(), { name: 'Prompt' })).body.data as { id: string }).id;
    const text = await upload(`${media(id)}/raw`, Buffer.from('hello'), 'text/plain');
    expect(text.status).toBe(400);
    expect(((await text.json()) as { data: Record<string, unknown> }).data).toHaveProperty('content_type');
    const empty = await upload(`${media(id)}/raw`, Buffer.alloc(0), 'audio/wav');
    expect(empty.status).toBe(400);
    expect((await upload(`${media('ffffffffffffffffffffffffffffffff')}/raw`, wav(10), 'audio/wav')).status).toBe(404);
    expect((await api.patch(media(id), { tts: { text: 'now spoken' }, media_source: 'tts' })).body.data).toMatchObject({ media_source: 'tts', tts: { text: 'now spoken' } });
    expect((await api.patch(media(id), { name: null })).status).toBe(400);
    expect((await api.delete(media(id))).status).toBe(200);
    expect((await api.get(media(id))).status).toBe(404);
  });

  /** The pages in a TIFF: its chain of image file directories. */
  const tiffPages = (file: Buffer) => {
    let pages = 0;
    for (let at = file.readUInt32LE(4); at !== 0; at = file.readUInt32LE(at + 2 + file.readUInt16LE(at) * 12)) pages++;
    return pages;
  };

  it('receives a 3-page fax into a fax box; the inbox lists it and its TIFF downloads; a voice caller leaves a failed fax without a document', async () => {
    const created = await api.put(`/v2/accounts/${accountId}/faxboxes`, { name: 'Sales fax', caller_id: '+15559200', fax_identity: 'SALES', retries: 2 });
    expect(created.status).toBe(201);
    const faxboxId = (created.body.data as { id: string }).id;
    expect((await api.patch(`/v2/accounts/${accountId}/faxboxes/${faxboxId}`, { fax_header: 'Sales Co' })).body.data).toMatchObject({ name: 'Sales fax', fax_header: 'Sales Co', retries: 2 });
    const bad = await api.put(`/v2/accounts/${accountId}/faxboxes`, { name: 'Bad', retries: 9 });
    expect(bad.status).toBe(400);
    expect(bad.body.data).toHaveProperty('retries');
    expect((await api.put(`/v2/accounts/${accountId}/callflows`, { numbers: ['7200'], flow: { module: 'faxbox', data: { id: faxboxId } } })).status).toBe(201);
    for (const hook of ['notifications', 'object']) {
      expect((await api.put(`/v2/accounts/${accountId}/webhooks`, { name: `fax ${hook}`, uri: `${receiverUrl}/${hook}`, hook, http_verb: 'post', format: 'json' })).status).toBe(201);
    }

    const uuid = sim.placeCall({ from: '+15559201', to: '7200', fax_pages: 3 });
    const inbox = await eventually('the fax in the inbox', async () => {
      const faxes = (await api.get(`/v2/accounts/${accountId}/faxes/inbox`)).body.data as { id: string; call_id: string }[];
      return faxes.length === 1 ? faxes : undefined;
    }, 20_000);
    const fax = inbox[0]!;
    expect(fax).toMatchObject({ faxbox_id: faxboxId, folder: 'inbox', success: true, pages: 3, result_code: 0, result_text: 'OK', from_number: '+15559201', remote_station_id: '+15559201' });
    expect(fax).not.toHaveProperty('media_path');
    expect(sim.getCall(uuid).applications.map((app) => app.name)).toContain('rxfax');
    const document = await download(`/v2/accounts/${accountId}/faxes/inbox/${fax.id}/attachment`);
    expect(document.status).toBe(200);
    expect(document.headers.get('content-type')).toBe('image/tiff');
    expect(tiffPages(Buffer.from(await document.arrayBuffer()))).toBe(3);
    // As a PDF when asked (read back by pdf-lib): one page per fax page, at the fax's 204 dpi width.
    const pdf = await download(`/v2/accounts/${accountId}/faxes/inbox/${fax.id}/attachment`, 'application/pdf');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="${fax.id}.pdf"`);
    const parsed = await PDFDocument.load(Buffer.from(await pdf.arrayBuffer()), { throwOnInvalidObject: true });
    expect(parsed.getPageCount()).toBe(3);
    expect(parsed.getPage(0).getWidth()).toBeCloseTo((1728 / 204) * 72, 1);
    expect((await download(`/v2/accounts/${accountId}/faxes/inbox/${fax.id}/attachment`, 'application/pdf;q=0.5, image/tiff')).headers.get('content-type')).toBe('image/tiff');

    const voice = sim.placeCall({ from: '+15559202', to: '7200' });
    const failed = await eventually('the failed fax in the inbox', async () => {
      const faxes = (await api.get(`/v2/accounts/${accountId}/faxes/inbox`)).body.data as { id: string; from_number: string }[];
      return faxes.find((each) => each.from_number === '+15559202');
    }, 20_000);
    expect(failed).toMatchObject({ success: false, pages: 0, result_code: 2, result_text: 'Timed out waiting for initial communication' });
    expect((await download(`/v2/accounts/${accountId}/faxes/inbox/${failed.id}/attachment`)).status).toBe(404);

    // Announced: Kazoo's inbound_fax / inbound_fax_error notifications, and fax objects.
    const bodyOf = (hook: string, needle: string) => received.find((request) => request.url.startsWith(`/${hook}`) && request.body.includes(needle));
    const inbound = await eventually('the inbound_fax notification', () => bodyOf('notifications', `"fax_id":"${fax.id}"`), 20_000, 50);
    expect(parseJson(inbound.body)).toMatchObject({ event_name: 'inbound_fax', faxbox_id: faxboxId, caller_id_number: '+15559201', fax_info: { fax_success: true, fax_transferred_pages: 3 } });
    const error = await eventually('the inbound_fax_error notification', () => bodyOf('notifications', `"fax_id":"${failed.id}"`), 20_000, 50);
    expect(parseJson(error.body)).toMatchObject({ event_name: 'inbound_fax_error', fax_result_code: 2 });
    const object = await eventually('the fax object hook', () => bodyOf('object', `"id":"${fax.id}"`), 20_000, 50);
    expect(parseJson(object.body)).toMatchObject({ action: 'doc_created', type: 'fax' });
    expect(sim.getCall(voice).applications.map((app) => app.name)).toContain('rxfax');
    expect((await api.delete(`/v2/accounts/${accountId}/faxes/inbox/${failed.id}`)).status).toBe(200);
    expect((await api.get(`/v2/accounts/${accountId}/faxes/inbox/${failed.id}`)).status).toBe(404);
  });

  it('sends a fax by REST: the TIFF fetched and sent to a fax machine, kept in the outbox and announced; a PDF is refused into the outbox', async () => {
    sim.setDestination('+15559300', { answer: 'answer', after_ms: 200, fax: true });
    const sent = await api.put(`/v2/accounts/${accountId}/faxes`, { document: { url: `${receiverUrl}/documents/two-pages.tiff`, method: 'get' }, to_number: '+15559300', from_number: '+15559399', from_name: 'Sales' });
    expect(sent.status).toBe(201);
    expect(sent.body.data).toMatchObject({ status: 'pending', to_number: '+15559300' });
    const outbox = await eventually('the fax in the outbox', async () => {
      const faxes = (await api.get(`/v2/accounts/${accountId}/faxes/outbox`)).body.data as { id: string; to_number: string }[];
      return faxes.find((each) => each.to_number === '+15559300');
    }, 30_000);
    expect(outbox).toMatchObject({ result_text: 'OK', folder: 'outbox', success: true, pages: 2, result_code: 0, from_number: '+15559399', remote_station_id: '+15559300' });
    const document = await download(`/v2/accounts/${accountId}/faxes/outbox/${outbox.id}/attachment`);
    expect(document.status).toBe(200);
    expect(tiffPages(Buffer.from(await document.arrayBuffer()))).toBe(2);
    // Its pages say no height: no PDF can be made of them, and the answer says why.
    const notImage = await download(`/v2/accounts/${accountId}/faxes/outbox/${outbox.id}/attachment`, 'application/pdf');
    expect(notImage.status).toBe(406);
    expect(await notImage.text()).toContain('ask for image/tiff');
    const note = await eventually('the outbound_fax notification', () => received.find((request) => request.url.startsWith('/notifications') && request.body.includes(`"fax_id":"${outbox.id}"`)), 20_000, 50);
    expect(parseJson(note.body)).toMatchObject({ event_name: 'outbound_fax', fax_jobid: outbox.id, callee_id_number: '+15559300' });
    // The inbox is for received faxes only.
    expect(((await api.get(`/v2/accounts/${accountId}/faxes/inbox`)).body.data as { id: string }[]).map((each) => each.id)).not.toContain(outbox.id);

    sim.setDestination('+15559301', { answer: 'answer', after_ms: 200, fax: true });
    expect((await api.put(`/v2/accounts/${accountId}/faxes`, { document: { url: `${receiverUrl}/documents/letter.pdf` }, to_number: '+15559301' })).status).toBe(201);
    const refused = await eventually('the refused fax in the outbox', async () => {
      const faxes = (await api.get(`/v2/accounts/${accountId}/faxes/outbox`)).body.data as { to_number: string }[];
      return faxes.find((each) => each.to_number === '+15559301');
    }, 30_000);
    expect(refused).toMatchObject({ success: false, pages: 0, result_text: 'the document is not a TIFF (the media server sends TIFF only)' });

    const bad = await api.put(`/v2/accounts/${accountId}/faxes`, { document: { url: 'not a url' }, to_number: 'call me' });
    expect(bad.status).toBe(400);
    expect(bad.body.data).toHaveProperty(['document.url']);
  });
});
