import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = join(root, 'services', 'call-manager', 'bin', 'call-manager');

/**
 * The real binary killed with SIGKILL while it holds calls: an inbound call lost its
 * outbound socket (FreeSWITCH would end it after its current application), a leg
 * call-manager originated stays up, parked. Another replica, once the dead one's
 * heartbeat lapses, takes both over: the first is hung up cleanly, the second goes on
 * with its flow.
 */
describe('call-manager killed mid-call', () => {
  const env = new CallEnv();
  const children: ChildProcess[] = [];

  function start(): Promise<ChildProcess> {
    // The binary is a replica named `crashing`; the one that finds its calls afterwards has another name, as a replaced pod would.
    env.usesInstance('crashing');
    const child = spawn(process.execPath, [bin, ...env.callManagerArgv(['-log_level', 'warn', '-instance_id', 'crashing', '-instance_ttl_ms', '1000'])], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`call-manager did not start:\n${output}`)), 30_000);
      const poll = setInterval(() => {
        if (!output.includes('call-manager is running')) return;
        clearInterval(poll);
        clearTimeout(timer);
        resolve(child);
      }, 20);
      child.once('exit', (code) => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`call-manager exited with ${code}:\n${output}`));
      });
    });
  }

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'services/call-manager'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) {
      // A package being edited elsewhere in the workspace may not compile this minute; the last build still runs.
      if (!existsSync(join(root, 'services', 'call-manager', 'dist', 'bin.js'))) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
      process.stderr.write(`call-manager build failed; testing the previous build:\n${build.stdout}${build.stderr}\n`);
    }
    await env.start({ withoutCallManager: true });
    env.sim.setDestination('+15556000', { answer: 'answer', after_ms: 200 });
  }, 240_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await env.close();
  }, 60_000);

  it('closes the calls that died with it and carries on the ones still up', async () => {
    const child = await start();
    await eventually('the binary on the media server', () => env.sim.metrics().eslConnections.inbound >= 1, 15_000);
    await env.flow('+15550401', [{ id: 'a1', type: 'answer' }, { id: 'a2', type: 'sleep', option: { duration: 3_600_000 } }]);
    const flow = await env.flows.call('createFlow', {
      body: {
        name: 'reminder',
        account_id: 'acct-test',
        actions: [
          { id: 'wait', type: 'sleep', option: { duration: 3_600_000 } },
          { id: 'after', type: 'talk', option: { text: 'still here after the restart' } },
          { id: 'bye', type: 'hangup' },
        ],
      },
    });
    const uuid = env.sim.placeCall({ from: '+15553000', to: '+15550401' });
    const inbound = await eventually('the inbound call', () => env.findCall((call) => call.channel_id === uuid && call.action?.type === 'sleep'));
    const second = env.sim.placeCall({ from: '+15553001', to: '+15550401' });
    const gone = await eventually('the second inbound call', () => env.findCall((call) => call.channel_id === second && call.action?.type === 'sleep'));
    const outgoing = (await env.calls.call('createCalls', { body: { account_id: 'acct-test', destinations: [{ type: 'tel', target: '+15556000' }], flow_id: flow.id } })).calls[0]!;
    await env.callUntil(outgoing.id, 'sleeping', (call) => call.action?.id === 'wait');

    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    await eventually('the socket gone', () => env.sim.metrics().eslConnections.outbound === 0 && env.sim.metrics().eslConnections.inbound === 0);
    expect(env.simCall(outgoing.channel_id).hangup_cause).toBeNull();
    // A caller who hangs up while nobody watches leaves a call whose channel is gone.
    env.sim.hangup(second);
    expect((await env.flows.call('getActiveflow', { params: { id: inbound.activeflow_id } })).status).toBe('running');

    await env.startCallManager(['-instance_ttl_ms', '1000']);
    const closed = await env.callUntil(inbound.id, 'closed', (call) => call.status === 'hangup');
    expect(closed).toMatchObject({ hangup_by: 'local', hangup_reason: 'failed' });
    await eventually('the inbound channel down', () => env.simCall(uuid).hangup_cause !== null);
    await eventually('its activeflow stopped', async () => (await env.flows.call('getActiveflow', { params: { id: inbound.activeflow_id } })).status === 'ended');
    await eventually('its hangup announced', () => env.eventsOf('call_hangup', (data) => data.id === inbound.id).length === 1);

    const dead = await env.callUntil(gone.id, 'closed', (call) => call.status === 'hangup');
    expect(dead).toMatchObject({ hangup_by: 'local', hangup_reason: 'failed', hangup_cause: 'NORMAL_TEMPORARY_FAILURE' });
    await eventually('its channel_destroy', () => env.eventsOf('channel_destroy', (data) => data.call_id === second).length === 1);

    const resumed = await env.callUntil(outgoing.id, 'ended by its own flow', (call) => call.status === 'hangup');
    expect(resumed).toMatchObject({ hangup_by: 'local', hangup_reason: 'normal' });
    expect(env.simCall(outgoing.channel_id).applications.map((app) => [app.name, app.arg])).toEqual(
      expect.arrayContaining([
        ['speak', 'flite|slt|still here after the restart'],
        ['hangup', 'NORMAL_CLEARING'],
      ]),
    );
    expect(env.callManager!.registry.size).toBe(0);
  });
});
