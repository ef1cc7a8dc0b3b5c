import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { EslSimulator, STOCK_MODULES, type EslEvent } from '../src/index.js';
import { EventLog } from './helpers/event-log.js';
import { RawClient } from './helpers/raw-client.js';

/** Dialplan applications and API commands, driven over an inbound socket as a controller would. */
describe('applications and API commands', () => {
  let sim: EslSimulator;
  let client: RawClient;
  let log: EventLog;
  let counter = 0;

  beforeEach(async () => {
    // A switch with the third-party modules too (mod_amd, mod_audio_fork); stock-only behaviour is in stock-switch.test.
    sim = new EslSimulator({ timeScale: 0.01, prompts: { '/sounds/minute.wav': 60_000, '/sounds/missing.wav': -1 }, modules: [...STOCK_MODULES, 'mod_amd', 'mod_audio_fork', 'mod_http_cache'] });
    const { esl } = await sim.start();
    client = await RawClient.login(esl.port);
    log = new EventLog(sim);
  });

  afterEach(async () => {
    log.stop();
    await client.close();
    await sim.stop();
  });

  /** Queues an application and resolves with its CHANNEL_EXECUTE_COMPLETE. */
  const execute = async (uuid: string, app: string, arg?: string, extraHeaders = ''): Promise<EslEvent> => {
    const appUuid = `app-${++counter}`;
    const argLine = arg === undefined ? '' : `execute-app-arg: ${arg}\n`;
    const reply = await client.command(`sendmsg ${uuid}\ncall-command: execute\nexecute-app-name: ${app}\n${argLine}Event-UUID: ${appUuid}${extraHeaders}`);
    expect(reply.headers['Reply-Text']).toBe('+OK');
    return log.waitForEvent('CHANNEL_EXECUTE_COMPLETE', uuid, (e) => e.get('Application-UUID') === appUuid, 5000);
  };
  /** Queues an application without waiting for it. */
  const queue = async (uuid: string, app: string, arg: string) => {
    await client.command(`sendmsg ${uuid}\ncall-command: execute\nexecute-app-name: ${app}\nexecute-app-arg: ${arg}`);
  };
  const started = (uuid: string, app: string) => log.waitForEvent('CHANNEL_EXECUTE', uuid, (e) => e.get('Application') === app);
  const call = () => sim.placeCall({ from: '1000', to: '2000' });
  const variable = async (uuid: string, name: string) => client.api(`uuid_getvar ${uuid} ${name}`);

  it('hangs up with DESTINATION_OUT_OF_ORDER on an unknown application, without executing it', async () => {
    const uuid = call();
    await client.command(`sendmsg ${uuid}\ncall-command: execute\nexecute-app-name: frobnicate`);
    const view = await sim.waitForCall(uuid, (c) => c.destroyed);
    expect(view.hangup_cause).toBe('DESTINATION_OUT_OF_ORDER');
    expect(view.applications.map((a) => a.name)).toEqual(['park']);
  });

  it('hangs up by sendmsg with the given cause, NORMAL_CLEARING by default', async () => {
    const first = call();
    const second = call();
    await client.command(`sendmsg ${first}\ncall-command: hangup\nhangup-cause: CALL_REJECTED`);
    await client.command(`sendmsg ${second}\ncall-command: hangup`);
    expect((await sim.waitForCall(first, (c) => c.destroyed)).hangup_cause).toBe('CALL_REJECTED');
    expect((await sim.waitForCall(second, (c) => c.destroyed)).hangup_cause).toBe('NORMAL_CLEARING');
  });

  it('runs an application `loops` times, takes its argument from a text/plain body, and expands variables', async () => {
    const uuid = call();
    const appUuid = 'looped';
    await client.command(`sendmsg ${uuid}\ncall-command: execute\nexecute-app-name: playback\nexecute-app-arg: silence_stream://100\nloops: 3\nEvent-UUID: ${appUuid}`);
    await sim.waitForCall(uuid, (c) => c.applications.filter((a) => a.name === 'playback' && a.response !== null).length === 3);
    const body = 'greeting=hello ${sip_from_user}, how are you';
    client.send(`sendmsg ${uuid}\ncall-command: execute\nexecute-app-name: set\ncontent-type: text/plain\ncontent-length: ${Buffer.byteLength(body)}\n\n${body}`);
    await sim.waitForCall(uuid, (c) => c.applications.some((a) => a.name === 'set' && a.response !== null));
    expect(await variable(uuid, 'greeting')).toBe('hello 1000, how are you');
  });

  it('answers, pre-answers and responds with the events and states of each', async () => {
    const early = call();
    await execute(early, 'pre_answer');
    expect(sim.getCall(early)).toMatchObject({ answer_state: 'early', call_state: 'EARLY', answered: false });
    await execute(early, 'answer');
    expect(sim.getCall(early)).toMatchObject({ answer_state: 'answered', call_state: 'ACTIVE', answered: true });
    expect(log.of(early).filter((e) => /PROGRESS|ANSWER|CALLSTATE/.test(e))).toEqual([
      'CHANNEL_PROGRESS_MEDIA',
      'CHANNEL_CALLSTATE',
      'CHANNEL_ANSWER',
      'CHANNEL_CALLSTATE',
    ]);
    const refused = call();
    await execute(refused, 'respond', '486 Busy Here');
    const view = await sim.waitForCall(refused, (c) => c.destroyed);
    expect(view).toMatchObject({ hangup_cause: 'USER_BUSY', variables: expect.objectContaining({ sip_term_status: '486', sip_hangup_disposition: 'send_refuse' }) });
  });

  it('plays files, streams and missing files with their responses and PLAYBACK events', async () => {
    const uuid = call();
    await execute(uuid, 'answer');
    const played = await execute(uuid, 'playback', 'tone_stream://%(400,100,440);loops=2');
    expect(played.get('Application-Response')).toBe('FILE PLAYED');
    const start = log.find((e) => e.name === 'PLAYBACK_START')!;
    expect(start.get('Playback-File-Type')).toBe('tone_stream');
    expect(log.find((e) => e.name === 'PLAYBACK_STOP')!.get('Playback-Status')).toBe('done');
    expect(Number(played.get('variable_playback_ms'))).toBeGreaterThanOrEqual(950);
    expect((await execute(uuid, 'playback', '/sounds/missing.wav')).get('Application-Response')).toBe('FILE NOT FOUND');
  });

  it('stops a prompt on a playback terminator (* by default) and on uuid_break', async () => {
    const uuid = call();
    await execute(uuid, 'answer');
    const playing = execute(uuid, 'playback', '/sounds/minute.wav');
    await log.waitForEvent('PLAYBACK_START', uuid);
    await sim.sendDtmf(uuid, { digits: '5' });
    await sim.sendDtmf(uuid, { digits: '*' });
    const done = await playing;
    expect(done.get('Application-Response')).toBe('FILE PLAYED');
    expect(done.get('variable_playback_terminator_used')).toBe('*');
    expect(log.find((e) => e.name === 'PLAYBACK_STOP')!.get('Playback-Status')).toBe('break');

    const again = execute(uuid, 'playback', '/sounds/minute.wav');
    await log.waitFor(() => log.events.filter((e) => e.name === 'PLAYBACK_START').length === 2);
    expect(await client.api(`uuid_break ${uuid}`)).toBe('+OK\n');
    expect((await again).get('Application-Response')).toBe('FILE PLAYED');
    expect(log.events.filter((e) => e.name === 'PLAYBACK_STOP').map((e) => e.get('Playback-Status'))).toEqual(['break', 'break']);
    expect(sim.getCall(uuid).apis.map((a) => [a.command, a.reply])).toEqual([['uuid_break', '+OK']]);
  });

  it('drops queued applications too on uuid_break all', async () => {
    const uuid = call();
    await execute(uuid, 'answer');
    const first = execute(uuid, 'playback', '/sounds/minute.wav');
    await queue(uuid, 'playback', '/sounds/queued.wav');
    await log.waitForEvent('PLAYBACK_START', uuid);
    await client.api(`uuid_break ${uuid} all`);
    await first;
    await execute(uuid, 'sleep', '10');
    expect(sim.getCall(uuid).applications.map((a) => a.arg)).not.toContain('/sounds/queued.wav');
  });

  it('collects digits with read: success, and timeout when nothing is pressed', async () => {
    const uuid = call();
    await execute(uuid, 'answer');
    const reading = execute(uuid, 'read', '1 4 /sounds/enter.wav pin 3000 #');
    await started(uuid, 'read');
    await sim.sendDtmf(uuid, { digits: '12#', interval_ms: 100 });
    const read = await reading;
    expect(read.get('variable_pin')).toBe('12');
    expect(read.get('variable_read_result')).toBe('success');
    expect(read.get('variable_read_terminator_used')).toBe('#');
    const timedOut = await execute(uuid, 'read', '1 4 silence_stream://10 pin2 1000 #');
    expect(timedOut.get('variable_read_result')).toBe('timeout');
    expect(timedOut.get('variable_pin2')).toBeUndefined();
  });

  it('retries play_and_get_digits on invalid input, playing the invalid prompt between tries', async () => {
    const uuid = call();
    await execute(uuid, 'answer');
    const collecting = execute(uuid, 'play_and_get_digits', '2 2 3 20000 # /sounds/menu.wav /sounds/invalid.wav choice ^[1-3]\\d$ 20000');
    const prompted = (path: string, nth: number) =>
      log.waitFor(() => log.events.filter((e) => e.name === 'PLAYBACK_START' && e.get('Playback-File-Path') === path).length >= nth);
    await prompted('/sounds/menu.wav', 1);
    await sim.sendDtmf(uuid, { digits: '99', interval_ms: 50 });
    await prompted('/sounds/invalid.wav', 1);
    await prompted('/sounds/menu.wav', 2);
    await sim.sendDtmf(uuid, { digits: '23', interval_ms: 50 });
    const done = await collecting;
    expect(done.get('variable_choice')).toBe('23');
    expect(done.get('variable_choice_invalid')).toBe('99');
    expect(log.of(uuid).filter((e) => e.startsWith('PLAYBACK_'))).toEqual(['PLAYBACK_START', 'PLAYBACK_STOP', 'PLAYBACK_START', 'PLAYBACK_STOP', 'PLAYBACK_START', 'PLAYBACK_STOP']);
  });

  it('keeps DTMF pressed during sleep for the next reader, and drops DTMF pressed while parked', async () => {
    const uuid = call();
    await execute(uuid, 'answer');
    await sim.sendDtmf(uuid, { digits: '7' });
    expect((await execute(uuid, 'read', '1 1 silence_stream://10 parked 500 #')).get('variable_read_result')).toBe('timeout');
    const sleeping = execute(uuid, 'sleep', '20000');
    await started(uuid, 'sleep');
    await sim.sendDtmf(uuid, { digits: '8' });
    // Queued before the sleep ends, the read runs at once and finds the digit; had the
    // channel gone back to park in between, park would have read and dropped it.
    const reading = execute(uuid, 'read', '1 1 silence_stream://10 slept 500 #');
    await sleeping;
    expect((await reading).get('variable_slept')).toBe('8');
  });

  it('records: the record application to its limit, record_session and uuid_record as media bugs', async () => {
    const uuid = call();
    await execute(uuid, 'answer');
    const recorded = await execute(uuid, 'record', '/tmp/message.wav 3');
    expect(recorded.get('variable_record_completion_cause')).toBe('success-maxtime');
    expect(Number(recorded.get('variable_record_ms'))).toBeGreaterThanOrEqual(2900);
    expect(log.find((e) => e.name === 'RECORD_STOP')!.get('Record-Completion-Cause')).toBe('success-maxtime');

    await execute(uuid, 'record_session', '/tmp/session.wav');
    expect(await client.api(`uuid_record ${uuid} start /tmp/api.wav`)).toBe('+OK Success\n');
    await execute(uuid, 'sleep', '1500');
    await execute(uuid, 'stop_record_session', '/tmp/session.wav');
    expect(await client.api(`uuid_record ${uuid} stop /tmp/api.wav`)).toBe('+OK Success\n');
    const recordings = sim.getCall(uuid).recordings;
    expect(recordings.map((r) => r.path)).toEqual(['/tmp/message.wav', '/tmp/session.wav', '/tmp/api.wav']);
    expect(recordings.every((r) => r.ms !== null && r.ms >= 1400)).toBe(true);
    expect(log.of(uuid).filter((e) => e.startsWith('RECORD_'))).toEqual(['RECORD_START', 'RECORD_STOP', 'RECORD_START', 'RECORD_START', 'RECORD_STOP', 'RECORD_STOP']);
  });

  it('stops media bugs on hangup before CHANNEL_HANGUP_COMPLETE', async () => {
    const uuid = call();
    await execute(uuid, 'record_session', '/tmp/cut.wav');
    sim.hangup(uuid);
    await sim.waitForCall(uuid, (c) => c.destroyed);
    const events = log.of(uuid);
    expect(events.indexOf('RECORD_STOP')).toBeGreaterThan(events.indexOf('CHANNEL_HANGUP'));
    expect(events.indexOf('RECORD_STOP')).toBeLessThan(events.indexOf('CHANNEL_HANGUP_COMPLETE'));
  });

  it('sends DTMF to the far end with send_dtmf and uuid_send_dtmf', async () => {
    const uuid = call();
    await execute(uuid, 'answer');
    await execute(uuid, 'send_dtmf', '12#@200');
    expect(await client.api(`uuid_send_dtmf ${uuid} 34`)).toBe(`+OK ${uuid} sent DTMF 34.\n`);
    expect(sim.getCall(uuid).dtmf_sent).toBe('12#34');
  });

  it('fails the bridge application with the cause, hanging the caller up unless continue_on_fail', async () => {
    sim.setDestination('8000', { answer: 'busy', after_ms: 100 });
    const hungUp = call();
    await execute(hungUp, 'bridge', 'sofia/gateway/carrier/8000');
    expect((await sim.waitForCall(hungUp, (c) => c.destroyed)).hangup_cause).toBe('USER_BUSY');
    const goesOn = call();
    await execute(goesOn, 'set', 'continue_on_fail=USER_BUSY,NO_ANSWER');
    const failed = await execute(goesOn, 'bridge', 'sofia/gateway/carrier/8000');
    expect(failed.get('variable_DIALSTATUS')).toBe('BUSY');
    expect(failed.get('variable_originate_disposition')).toBe('USER_BUSY');
    expect(sim.getCall(goesOn).hangup_cause).toBeNull();
  });

  it('lets the caller hear ringing and early media, and the first of parallel legs to answer wins', async () => {
    sim.setDestination('8001', { answer: 'answer', after_ms: 20_000 });
    sim.setDestination('8002', { answer: 'answer', after_ms: 300, early_media: true });
    const uuid = call();
    const bridging = execute(uuid, 'bridge', '{export_me=1}[leg_var=a]sofia/gateway/carrier/8001,[leg_var=b]sofia/gateway/carrier/8002');
    const bridge = await log.waitForEvent('CHANNEL_BRIDGE', uuid);
    const winner = sim.getCall(bridge.get('Bridge-B-Unique-ID')!);
    expect(winner).toMatchObject({ to: '8002', answered: true, other_leg: uuid, bridged_to: uuid });
    expect(winner.variables).toMatchObject({ leg_var: 'b', export_me: '1', originating_leg_uuid: uuid });
    const loser = sim.listCalls().find((c) => c.to === '8001')!;
    expect((await sim.waitForCall(loser.uuid, (c) => c.destroyed)).hangup_cause).toBe('LOSE_RACE');
    expect(log.of(uuid).filter((e) => /PROGRESS|ANSWER|BRIDGE/.test(e))).toEqual(['CHANNEL_PROGRESS', 'CHANNEL_PROGRESS_MEDIA', 'CHANNEL_ANSWER', 'CHANNEL_BRIDGE']);
    sim.hangup(uuid);
    await bridging;
    expect((await sim.waitForCall(winner.uuid, (c) => c.destroyed)).hangup_cause).toBe('NORMAL_CLEARING');
    expect(log.of(uuid)).toContain('CHANNEL_UNBRIDGE');
  });

  it('tries dial-string groups one after another', async () => {
    const uuid = call();
    await execute(uuid, 'answer');
    await execute(uuid, 'set', 'hangup_after_bridge=true');
    const bridging = execute(uuid, 'bridge', 'error/user_busy|sofia/gateway/carrier/8003');
    const bridge = await log.waitForEvent('CHANNEL_BRIDGE', uuid);
    expect(sim.getCall(bridge.get('Bridge-B-Unique-ID')!).to).toBe('8003');
    await client.api(`uuid_kill ${bridge.get('Bridge-B-Unique-ID')}`);
    await bridging;
    expect((await sim.waitForCall(uuid, (c) => c.destroyed)).hangup_cause).toBe('NORMAL_CLEARING');
  });

  it('bridges two legs with uuid_bridge and hangs up the other when one ends, unless park_after_bridge', async () => {
    const a = call();
    const b = call();
    const c = call();
    // FreeSWITCH bridges only legs with media up (stock-switch.test shows what it does otherwise).
    for (const leg of [a, b, c]) await client.api(`uuid_answer ${leg}`);
    expect(await client.api(`uuid_bridge ${a} ${b}`)).toBe(`+OK ${b}\n`);
    const bridge = await log.waitForEvent('CHANNEL_BRIDGE', a);
    expect([bridge.get('Bridge-A-Unique-ID'), bridge.get('Bridge-B-Unique-ID'), bridge.get('Other-Leg-Unique-ID')]).toEqual([a, b, b]);
    expect(sim.getCall(a)).toMatchObject({ answered: true, bridged_to: b });
    expect(await client.api(`uuid_bridge ${a} ${b}`)).toBe('-ERR Invalid uuid\n');
    sim.hangup(b, { cause: 'NORMAL_CLEARING' });
    expect((await sim.waitForCall(a, (x) => x.destroyed)).hangup_cause).toBe('NORMAL_CLEARING');

    const d = call();
    await client.api(`uuid_answer ${d}`);
    await client.api(`uuid_setvar ${c} park_after_bridge true`);
    await client.api(`uuid_bridge ${c} ${d}`);
    await client.api(`uuid_kill ${d}`);
    await sim.waitForCall(d, (x) => x.destroyed);
    expect(sim.getCall(c)).toMatchObject({ hangup_cause: null, bridged_to: null });
  });

  it('takes a bridged leg into a new uuid_bridge alive; the partner it leaves parks with park_after_bridge, else hangs up', async () => {
    const [a, b, c, d] = [call(), call(), call(), call()];
    for (const leg of [a, b, c, d]) await client.api(`uuid_answer ${leg}`);
    await client.api(`uuid_setvar ${b} park_after_bridge true`);
    await client.api(`uuid_bridge ${a} ${b}`);
    await log.waitForEvent('CHANNEL_BRIDGE', a);
    expect(await client.api(`uuid_bridge ${a} ${c}`)).toBe(`+OK ${c}\n`);
    await sim.waitForCall(a, (x) => x.bridged_to === c);
    // b is left parked, alive; the old bridge ended with its CHANNEL_UNBRIDGE.
    expect(sim.getCall(b)).toMatchObject({ hangup_cause: null, bridged_to: null });
    expect(log.events.filter((e) => e.name === 'CHANNEL_UNBRIDGE' && e.get('Bridge-B-Unique-ID') === b)).toHaveLength(1);
    // Without park_after_bridge the partner left behind is hung up.
    expect(await client.api(`uuid_bridge ${d} ${a}`)).toBe(`+OK ${a}\n`);
    expect((await sim.waitForCall(c, (x) => x.destroyed)).hangup_cause).toBe('NORMAL_CLEARING');
    await sim.waitForCall(d, (x) => x.bridged_to === a);
  });

  it('runs conferences with conference::maintenance events and the conference API', async () => {
    const first = call();
    const second = call();
    const firstIn = execute(first, 'conference', 'sales@default+flags{moderator}');
    await log.waitFor((e) => e.get('Action') === 'add-member' && e.get('Unique-ID') === first);
    void execute(second, 'conference', 'sales');
    await log.waitFor((e) => e.get('Action') === 'add-member' && e.get('Unique-ID') === second);
    expect(await client.api('conference sales list')).toBe(
      `1;sofia/internal/1000@127.0.0.1;${first};1000;1000;hear|speak|moderator;0;0;100\n2;sofia/internal/1000@127.0.0.1;${second};1000;1000;hear|speak;0;0;100\n`,
    );
    expect(await client.api('conference sales mute 2')).toBe('+OK mute 2\n');
    expect(await client.api('conference sales kick 1')).toBe('+OK kicked 1\n');
    await firstIn;
    expect(sim.getCall(first).hangup_cause).toBeNull();
    expect(await client.api('conference sales hup all')).toBe('+OK hup 2\n');
    await sim.waitForCall(second, (c) => c.destroyed);
    expect(await client.api('conference sales list')).toBe('-ERR Conference sales not found\n');
    const actions = log.events.filter((e) => e.subclass === 'conference::maintenance').map((e) => `${e.get('Action')}:${e.get('Conference-Size')}`);
    expect(actions).toEqual(['conference-create:0', 'add-member:1', 'add-member:2', 'mute-member:2', 'del-member:1', 'del-member:0', 'conference-destroy:0']);
  });

  it('detects a machine with avmd and amd as the destination says', async () => {
    sim.setDestination('9000', { answer: 'answer', after_ms: 0, amd: 'machine' });
    const machine = /^\+OK (\S+)/.exec(await client.api('originate sofia/gateway/carrier/9000 &park()'))![1]!;
    const human = /^\+OK (\S+)/.exec(await client.api('originate sofia/gateway/carrier/9001 &park()'))![1]!;
    await execute(machine, 'avmd', 'start');
    await execute(human, 'avmd', 'start');
    const beep = await log.waitFor((e) => e.subclass === 'avmd::beep');
    expect([beep.get('Unique-ID'), beep.get('Beep-Status'), beep.get('variable_avmd_detect')]).toEqual([machine, 'DETECTED', 'TRUE']);
    await execute(human, 'sleep', '3500');
    await execute(human, 'avmd', 'stop');
    expect(log.find((e) => e.subclass === 'avmd::stop')!.get('Beep-Status')).toBe('NOTDETECTED');
    expect((await execute(machine, 'amd')).get('variable_amd_result')).toBe('MACHINE');
    expect((await execute(human, 'amd')).get('variable_amd_result')).toBe('HUMAN');
  });

  it('runs messages queued during a bridge inside it, unless the bridge holds the event lock', async () => {
    const uuid = call();
    await execute(uuid, 'export', 'account_id=acme');
    const bridging = execute(uuid, 'bridge', 'sofia/gateway/carrier/8100');
    const callee = (await log.waitForEvent('CHANNEL_BRIDGE', uuid)).get('Bridge-B-Unique-ID')!;
    expect(await variable(callee, 'account_id')).toBe('acme');
    await execute(uuid, 'export', 'late=yes');
    expect(await variable(callee, 'late')).toBe('yes');
    await client.api(`uuid_kill ${callee}`);
    await bridging;

    const locked = call();
    const lockedBridge = execute(locked, 'bridge', 'sofia/gateway/carrier/8101', '\nevent-lock: true');
    const lockedCallee = (await log.waitForEvent('CHANNEL_BRIDGE', locked)).get('Bridge-B-Unique-ID')!;
    const setting = execute(locked, 'set', 'after=bridge');
    await execute(lockedCallee, 'sleep', '500');
    expect(sim.getCall(locked).applications.map((a) => a.name)).toEqual(['park', 'bridge']);
    await client.api(`uuid_kill ${lockedCallee}`);
    await lockedBridge;
    await setting;
    expect(sim.getCall(locked).applications.map((a) => a.name)).toEqual(['park', 'bridge', 'set']);
  });

  it('broadcasts playback or an application onto a channel', async () => {
    const uuid = call();
    expect(await client.api(`uuid_broadcast ${uuid} /sounds/hello.wav`)).toBe('+OK Message sent\n');
    expect(await client.api(`uuid_broadcast ${uuid} set::via=broadcast aleg`)).toBe('+OK Message sent\n');
    await sim.waitForCall(uuid, (c) => c.applications.filter((a) => a.response !== null).length === 2);
    expect(sim.getCall(uuid).applications.map((a) => [a.name, a.arg])).toEqual([
      ['park', ''],
      ['playback', '/sounds/hello.wav'],
      ['set', 'via=broadcast'],
    ]);
    expect(await client.api('uuid_broadcast nope /x.wav')).toBe('-ERR invalid uuid\n');
  });

  it('answers, sets and reads variables, lists channels and hangs all up', async () => {
    const uuid = call();
    expect(await client.api(`uuid_answer ${uuid}`)).toBe('+OK\n');
    expect(await client.api(`uuid_setvar ${uuid} color blue sky`)).toBe('+OK\n');
    expect(await variable(uuid, 'color')).toBe('blue sky');
    expect(await client.api(`uuid_setvar ${uuid} color`)).toBe('+OK\n');
    expect(await variable(uuid, 'color')).toBe('_undef_');
    expect(await client.api(`uuid_exists ${uuid}`)).toBe('true');
    const rows = JSON.parse(await client.api('show channels as json')) as { row_count: number; rows: { uuid: string; callstate: string; dest: string }[] };
    expect(rows).toMatchObject({ row_count: 1, rows: [{ uuid, callstate: 'ACTIVE', dest: '2000' }] });
    expect(await client.api('hupall MANAGER_REQUEST')).toBe('+OK hangup all channels with cause MANAGER_REQUEST\n');
    expect((await sim.waitForCall(uuid, (c) => c.destroyed)).hangup_cause).toBe('MANAGER_REQUEST');
  });

  it('holds, mutes and forks the audio of a call', async () => {
    const uuid = call();
    await execute(uuid, 'answer');
    expect(await client.api(`uuid_hold ${uuid}`)).toBe('+OK Success\n');
    expect(sim.getCall(uuid).call_state).toBe('HELD');
    expect(await client.api(`uuid_hold off ${uuid}`)).toBe('+OK Success\n');
    expect(await client.api(`uuid_hold toggle ${uuid}`)).toBe('+OK Success\n');
    expect(await client.api(`uuid_hold toggle ${uuid}`)).toBe('+OK Success\n');
    expect(log.of(uuid).filter((e) => /HOLD/.test(e))).toEqual(['CHANNEL_HOLD', 'CHANNEL_UNHOLD', 'CHANNEL_HOLD', 'CHANNEL_UNHOLD']);
    expect(sim.getCall(uuid).call_state).toBe('ACTIVE');
    expect(await client.api('uuid_hold nope')).toBe('-ERR Operation Failed\n');
    expect(await client.api(`uuid_audio ${uuid} start read mute`)).toBe('+OK Success\n');
    expect(await variable(uuid, 'audio_read')).toBe('mute');
    expect(await client.api(`uuid_audio ${uuid} stop`)).toBe('+OK Success\n');
    expect(await variable(uuid, 'audio_read')).toBe('_undef_');
    expect(await client.api(`uuid_audio ${uuid} start sideways mute`)).toMatch(/^-USAGE: /);
    expect(await client.api(`uuid_audio_fork ${uuid} start wss://media.example/stream mono 8k`)).toBe('+OK Success\n');
    expect(await variable(uuid, 'audio_fork_url')).toBe('wss://media.example/stream');
    expect(sim.getCall(uuid).apis.map((a) => a.command)).toContain('uuid_audio_fork');
  });

  it('measures billsec and durations in simulated time', async () => {
    const uuid = call();
    await execute(uuid, 'answer');
    await execute(uuid, 'sleep', '5000');
    await client.api(`uuid_kill ${uuid}`);
    const view = await sim.waitForCall(uuid, (c) => c.destroyed);
    expect(Number(view.variables.billsec)).toBeGreaterThanOrEqual(5);
    expect(Number(view.variables.billmsec)).toBeLessThan(20_000);
  });
});
