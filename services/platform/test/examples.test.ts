import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClient, eventually, simulatedCalls, spawnPlatform, spoken, type SimulatedCall, type SpawnedPlatform } from './spawned-platform.js';

/** examples/*.mjs, run as a newcomer runs them (`node examples/<name>.mjs`) against npm start. */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

let platform: SpawnedPlatform;
let dataDir: string;
const examples: ChildProcess[] = [];

interface RunningExample {
  output(): string;
}

/** Starts an example from the repository's root and resolves once it printed `ready`. */
function runExample(name: string, ready: RegExp): Promise<RunningExample> {
  const child = spawn(process.execPath, [join('examples', name)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      VOXMESH_API: platform.api,
      VOXMESH_WS: platform.websockets,
      VOXMESH_SIMULATOR: platform.control,
      VOXMESH_API_KEY: platform.keyLine,
      PORT: '0',
    },
  });
  examples.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return eventually(async () => (ready.test(output) ? { output: () => output } : undefined)).catch(() => {
    throw new Error(`${name} did not get ready:\n${output}`);
  });
}

async function placeCall(to: string): Promise<SimulatedCall> {
  const placed = (await (await fetch(`${platform.control}/calls`, { method: 'POST', body: JSON.stringify({ from: '+15550001', to }) })).json()) as { uuid: string };
  return { uuid: placed.uuid, to, destroyed: false, applications: [] };
}

async function finished(uuid: string): Promise<SimulatedCall> {
  return eventually(async () => (await simulatedCalls(platform.control)).find((call) => call.uuid === uuid && call.destroyed));
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'voxmesh-examples-'));
  platform = await spawnPlatform(['-data_dir', dataDir]);
  const api = await ApiClient.signIn(platform.api, platform.keyLine);
  const hello = await api.request('PUT', `/accounts/${platform.account}/callflows`, { name: 'hello', numbers: ['+15550100'], flow: { module: 'tts', data: { text: 'Hello from voxmesh.' } } });
  expect(hello.status).toBe(201);
}, 60_000);

afterAll(async () => {
  for (const child of examples) child.kill('SIGTERM');
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('examples against npm start', () => {
  it('pivot-ivr.mjs greets, collects a digit and branches on it', async () => {
    const ivr = await runExample('pivot-ivr.mjs', /^IVR ready: \+15550200 pivots to http:\/\/127\.0\.0\.1:\d+\/ivr$/m);
    const { uuid } = await placeCall('+15550200');
    // The digit is pressed once the call waits for it: when the greeting has been spoken.
    await eventually(async () => {
      const call = (await simulatedCalls(platform.control)).find((each) => each.uuid === uuid);
      return call?.applications.some((app) => app.name === 'speak' && app.response !== null) ? true : undefined;
    });
    await fetch(`${platform.control}/calls/${uuid}/dtmf`, { method: 'POST', body: JSON.stringify({ digits: '1' }) });
    const call = await finished(uuid);
    expect(spoken(call)).toEqual(['Welcome to the example line. Press 1 for sales, 2 for support.', 'Sales. Our team will call you back within the hour. Goodbye.']);
    expect(ivr.output()).toMatch(/pivot GET \/choice digit=1 -> Sales/);
  }, 60_000);

  it('twiml-ivr.mjs answers in TwiML: Gather, then its action receives Digits and branches', async () => {
    const ivr = await runExample('twiml-ivr.mjs', /^TwiML IVR ready: \+15550300 pivots to http:\/\/127\.0\.0\.1:\d+\/voice$/m);
    const { uuid } = await placeCall('+15550300');
    await eventually(async () => {
      const call = (await simulatedCalls(platform.control)).find((each) => each.uuid === uuid);
      return call?.applications.some((app) => app.name === 'speak' && app.response !== null) ? true : undefined;
    });
    await fetch(`${platform.control}/calls/${uuid}/dtmf`, { method: 'POST', body: JSON.stringify({ digits: '2' }) });
    const call = await finished(uuid);
    expect(spoken(call)).toEqual(['Welcome to the TwiML example line. Press 1 for sales, 2 for support.', 'Support. Please describe your problem after the tone. Goodbye.']);
    expect(ivr.output()).toMatch(/twiml POST \/choice CallSid=\S+ digit=2/);
  }, 60_000);

  it('webhook-receiver.mjs receives a call event and verifies its signature', async () => {
    const receiver = await runExample('webhook-receiver.mjs', /^receiver ready: /m);
    await finished((await placeCall('+15550100')).uuid);
    await eventually(async () => (/signature verified: channel_create/.test(receiver.output()) ? true : undefined));
    expect(receiver.output()).not.toContain('REJECTED');
  }, 60_000);

  it("call-events.mjs prints a call's events from the websocket", async () => {
    const events = await runExample('call-events.mjs', /^listening to the calls of account [0-9a-f]{32}/m);
    const { uuid } = await placeCall('+15550100');
    await finished(uuid);
    await eventually(async () => (/^CHANNEL_DESTROY call \S+ from \+15550001 to \+15550100$/m.test(events.output()) ? true : undefined));
    expect(events.output()).toMatch(/^CHANNEL_CREATE call \S+ from \+15550001/m);
  }, 60_000);
});
