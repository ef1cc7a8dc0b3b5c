import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HttpReceiver } from '@voxmesh/testkit';
import { CallEnv, eventually } from './harness.js';

/** Kazoo's recording `url`: the finished file is sent to the customer's server by PUT (or POST). */
describe('recording upload', () => {
  const env = new CallEnv();
  const receiver = new HttpReceiver();
  const received = receiver.received;
  let base = '';

  beforeAll(async () => {
    base = (await receiver.start()).base;
    await env.start({ callFlags: ['-recording_upload_allow_private'] });
  }, 60_000);

  afterAll(async () => {
    await env.close();
    await receiver.close();
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
