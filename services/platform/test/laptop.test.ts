import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ApiClient, eventually, simulatedCalls, spawnPlatform, spoken, type SpawnedPlatform } from './spawned-platform.js';

/** `npm start` on a laptop: data kept between starts, one master key, local servers reachable. */
describe('npm start on a data directory', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function dataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'voxmesh-data-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  async function started(args: string[]): Promise<SpawnedPlatform> {
    const platform = await spawnPlatform(args);
    cleanups.push(() => void platform.child.kill('SIGKILL'));
    return platform;
  }

  it('keeps accounts, callflows and webhooks and the master key across a SIGTERM and a kill -9, and refuses a second start', async () => {
    const dir = join(dataDir(), 'nested', '.voxmesh');
    const first = await started(['-data_dir', dir]);
    expect(first.output()).toContain(`embedded SQLite ${dir}/voxmesh.db (WAL)`);
    const key = first.keyLine;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const keyFile = join(dir, 'master-api-key');
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(key);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    let api = await ApiClient.signIn(first.api, key);
    const account = await api.request('PUT', `/accounts/${first.account}`, { name: 'Kept Customer' });
    expect(account.status).toBe(201);
    const accountId = account.data.id as string;
    const callflow = await api.request('PUT', `/accounts/${accountId}/callflows`, { name: 'kept', numbers: ['+15557770001'], flow: { module: 'tts', data: { text: 'kept' } } });
    expect(callflow.status).toBe(201);
    const webhook = await api.request('PUT', `/accounts/${accountId}/webhooks`, { name: 'kept hook', uri: 'https://hooks.example.com/kept', hook: 'channel_create' });
    expect(webhook.status).toBe(201);

    // A second platform on the same directory is refused, naming the holder; the first runs on.
    const second = spawn(process.execPath, [first.child.spawnargs[1]!, '-data_dir', dir, '-prom_listen_addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let refusal = '';
    second.stdout!.on('data', (chunk: Buffer) => (refusal += chunk.toString()));
    second.stderr!.on('data', (chunk: Buffer) => (refusal += chunk.toString()));
    expect(await new Promise((resolve) => second.once('exit', resolve))).toBe(1);
    expect(refusal).toContain(`the data directory ${dir} is in use by another voxmesh (pid ${first.child.pid})`);
    expect((await api.request('GET', `/accounts/${accountId}`)).status).toBe(200);

    expect(await first.stop('SIGTERM')).toBe(0);
    const again = await started(['-data_dir', dir]);
    expect(again.account).toBe(first.account);
    expect(again.keyLine).toBe(`kept in ${keyFile}`);
    api = await ApiClient.signIn(again.api, key);
    expect((await api.request('GET', `/accounts/${accountId}`)).data.name).toBe('Kept Customer');
    expect((await api.request('GET', `/accounts/${accountId}/callflows/${callflow.data.id as string}`)).data.numbers).toEqual(['+15557770001']);
    expect((await api.request('GET', `/accounts/${accountId}/webhooks/${webhook.data.id as string}`)).data.uri).toBe('https://hooks.example.com/kept');

    // Killed outright, it loses nothing that was answered.
    const late = await api.request('PUT', `/accounts/${accountId}/callflows`, { name: 'written last', numbers: ['+15557770002'], flow: { module: 'hangup' } });
    expect(late.status).toBe(201);
    expect(await again.stop('SIGKILL')).toBeNull();
    const third = await started(['-data_dir', dir]);
    expect(third.account).toBe(first.account);
    api = await ApiClient.signIn(third.api, key);
    expect((await api.request('GET', `/accounts/${accountId}/callflows/${late.data.id as string}`)).data.name).toBe('written last');
    expect((await api.request('GET', `/accounts/${accountId}/webhooks/${webhook.data.id as string}`)).status).toBe(200);
    expect(await third.stop()).toBe(0);
  }, 90_000);

  it('-master_api_key still sets the key, and the kept key follows it', async () => {
    const dir = dataDir();
    const chosen = 'a-key-chosen-by-the-operator-0001';
    const first = await started(['-data_dir', dir, '-master_api_key', chosen]);
    expect(first.keyLine).toBe(chosen);
    expect(readFileSync(join(dir, 'master-api-key'), 'utf8').trim()).toBe(chosen);
    expect(await first.stop()).toBe(0);
    const again = await started(['-data_dir', dir]);
    expect(again.keyLine).toBe(`kept in ${join(dir, 'master-api-key')}`);
    await ApiClient.signIn(again.api, chosen);
  }, 60_000);

  it("runs the banner's first steps as printed: the call they place speaks", async () => {
    const platform = await started(['-data_dir', dataDir()]);
    const steps = platform.output().split('\n');
    const from = steps.indexOf('First steps (paste into a shell):');
    const commands = steps.slice(from + 1, from + 4).map((line) => line.trim());
    expect(commands).toHaveLength(3);
    const shell = spawn('bash', ['-euc', `${commands.join('\n')}\n`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    shell.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    shell.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    expect({ code: await new Promise((resolve) => shell.once('exit', resolve)), printed }).toMatchObject({ code: 0 });
    expect(printed).toContain('"status":"success"');
    const call = await eventually(async () => (await simulatedCalls(platform.control)).find((each) => each.to === '+15550100' && each.destroyed));
    expect(spoken(call)).toEqual(['Hello from voxmesh.']);
    // And the calls list the banner points at shows it.
    const api = await ApiClient.signIn(platform.api, platform.keyLine);
    const calls = await eventually(async () => {
      const listed = (await api.request('GET', `/accounts/${platform.account}/calls`)).data;
      return listed.length > 0 ? listed : undefined;
    });
    expect(calls.length).toBeGreaterThan(0);
  }, 60_000);

  it('lets a Pivot callflow reach a server on 127.0.0.1 with no flag, and runs what it answered', async () => {
    const server: Server = createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ module: 'tts', data: { text: `answered from this laptop (${request.method})` } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const voiceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ivr`;
    const platform = await started(['-data_dir', dataDir()]);
    const api = await ApiClient.signIn(platform.api, platform.keyLine);
    const made = await api.request('PUT', `/accounts/${platform.account}/callflows`, { name: 'local pivot', numbers: ['+15557770100'], flow: { module: 'pivot', data: { voice_url: voiceUrl } } });
    expect(made.status).toBe(201);
    await fetch(`${platform.control}/calls`, { method: 'POST', body: JSON.stringify({ from: '+15550001', to: '+15557770100' }) });
    const call = await eventually(async () => (await simulatedCalls(platform.control)).find((each) => each.to === '+15557770100' && each.destroyed));
    expect(spoken(call)).toEqual(['answered from this laptop (GET)']);
  }, 60_000);

  it('with -fetch_allow_loopback=false the refused voice_url is in the call\'s errors and the log, naming the flag', async () => {
    const platform = await started(['-data_dir', dataDir(), '-fetch_allow_loopback=false', '-log_level', 'info', '-log_format', 'json']);
    // Only what the command line left alone is opened.
    expect(platform.output()).toContain('"allowed":"-webhook_allow_loopback"');
    const api = await ApiClient.signIn(platform.api, platform.keyLine);
    const voiceUrl = 'http://127.0.0.1:9/ivr';
    await api.request('PUT', `/accounts/${platform.account}/callflows`, { name: 'refused pivot', numbers: ['+15557770200'], flow: { module: 'pivot', data: { voice_url: voiceUrl } } });
    await fetch(`${platform.control}/calls`, { method: 'POST', body: JSON.stringify({ from: '+15550001', to: '+15557770200' }) });
    const errors = await eventually(async () => {
      const flows = (await api.request('GET', `/accounts/${platform.account}/activeflows`)).data as unknown as { errors?: { message: string }[] }[];
      const found = flows.flatMap((flow) => flow.errors ?? []).map((error) => error.message);
      return found.length > 0 ? found : undefined;
    });
    expect(errors.join('\n')).toContain('(-fetch_allow_private allows it)');
    const logged = platform.output().split('\n').filter((line) => line.includes('"service":"flow-manager"') && line.includes(voiceUrl));
    expect(logged.join('\n')).toContain('(-fetch_allow_private allows it)');
  }, 60_000);
});
