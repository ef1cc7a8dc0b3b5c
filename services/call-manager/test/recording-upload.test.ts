import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

interface Received {
  method: string;
  url: string;
  contentType: string;
  body: Buffer;
}

/** Kazoo's recording `url`: the finished file is sent to the customer's server by PUT (or POST). */
describe('recording upload', () => {
  const env = new CallEnv();
  const received: Received[] = [];
  let server: Server;
  let base = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks) });
        res.writeHead(201).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await env.start({ callFlags: ['-recording_upload_allow_private'] });
  }, 60_000);

  afterAll(async () => {
    await env.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }, 60_000);

  it.each([
    ['put', '+15550701'],
    ['post', '+15550702'],
  ] as const)('sends the file the media server wrote by %s once the recording stops', async (method, number) => {
    const before = received.length;
    await env.flow(number, [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'recording_start', option: { format: 'wav', upload_url: `${base}/recordings/call_recording_${method}.wav`, upload_method: method } },
      { id: 'a3', type: 'talk', option: { text: 'leave a message' } },
      { id: 'a4', type: 'recording_stop' },
      { id: 'a5', type: 'hangup' },
    ]);
    const uuid = env.sim.placeCall({ from: '+15551300', to: number });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    const upload = await eventually('the upload', () => received.slice(before).find((r) => r.url === `/recordings/call_recording_${method}.wav`));
    expect(upload.method).toBe(method.toUpperCase());
    expect(upload.contentType).toBe('audio/wav');
    // A WAVE file, as the switch closed it.
    expect(upload.body.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(upload.body.subarray(8, 12).toString('ascii')).toBe('WAVE');
  });
});
