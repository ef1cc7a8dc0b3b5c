import { describe, expect, it } from '@jest/globals';
import type { EslEvent } from '../src/index.js';
import { switchUnderTest } from './helpers/switch-under-test.js';

/**
 * `intercept` (switch_ivr_intercept_session), `eavesdrop` (switch_ivr_eavesdrop_session),
 * the user endpoint's presence_id as `show channels` lists it, phones told to answer by
 * themselves, and a conference member with `endconf`.
 */
describe('call pickup, eavesdrop and paging', () => {
  const sw = switchUnderTest({ timeScale: 0.01 });

  const send = (uuid: string, app: string, arg: string) => sw.send(uuid, app, arg);
  const completed = (uuid: string, appUuid: string): Promise<EslEvent> => sw.completion(uuid, appUuid, 10_000);
  const execute = async (uuid: string, app: string, arg: string): Promise<EslEvent> => completed(uuid, await send(uuid, app, arg));
  const legTo = (user: string) => sw.sim.listCalls().find((c) => c.to === user && c.direction === 'outbound');
  const ringing = async (user: string) => {
    const deadline = Date.now() + 5000;
    while (legTo(user)?.call_state !== 'RINGING' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    const leg = legTo(user);
    expect(leg?.call_state).toBe('RINGING');
    return leg!;
  };

  it('lists a user endpoint leg with its presence_id and the caller it rings for', async () => {
    sw.sim.setDestination('jane', { answer: 'no_answer' });
    const caller = sw.sim.placeCall({ from: '1000', to: '2000' });
    await execute(caller, 'set', 'continue_on_fail=true');
    await send(caller, 'bridge', 'user/jane@example.com');
    const leg = await ringing('jane');
    expect(leg.variables.originate_signal_bond).toBe(caller);
    const listed = await sw.client.api('show channels as json');
    const rows = (JSON.parse(listed) as { rows: { uuid: string; presence_id: string; callstate: string }[] }).rows;
    expect(rows.find((row) => row.uuid === leg.uuid)).toMatchObject({ presence_id: 'jane@example.com', callstate: 'RINGING' });
  });

  it('intercept -bleg takes the caller of a ringing leg: the leg is PICKED_OFF, the others cancelled, the two bridged', async () => {
    sw.sim.setDestination('jane', { answer: 'no_answer' });
    sw.sim.setDestination('joe', { answer: 'no_answer' });
    const caller = sw.sim.placeCall({ from: '1000', to: '2000' });
    await execute(caller, 'set', 'continue_on_fail=true');
    const bridgeApp = await send(caller, 'bridge', 'user/jane@example.com,user/joe@example.com');
    const jane = await ringing('jane');
    await ringing('joe');
    const picker = sw.sim.placeCall({ from: '1001', to: '*8' });
    await execute(picker, 'set', 'intercept_unbridged_only=true');
    const bridged = sw.log.waitForEvent('CHANNEL_BRIDGE', picker, undefined, 5000);
    await execute(picker, 'intercept', `-bleg ${jane.uuid}`);
    expect((await bridged).get('Bridge-B-Unique-ID')).toBe(caller);
    const done = await completed(caller, bridgeApp);
    expect(done.get('variable_originate_disposition')).toBe('PICKED_OFF');
    expect(sw.sim.getCall(jane.uuid)).toMatchObject({ hangup_cause: 'PICKED_OFF' });
    expect(legTo('joe')).toMatchObject({ hangup_cause: 'ORIGINATOR_CANCEL' });
    expect(sw.sim.getCall(caller)).toMatchObject({ answered: true, bridged_to: picker, hangup_cause: null });
    sw.sim.hangup(picker);
    await sw.sim.waitForCall(caller, (c) => c.hangup_cause !== null);
    expect(sw.sim.getCall(caller).hangup_cause).toBe('NORMAL_CLEARING');
  });

  it('intercept with intercept_unbridged_only leaves a bridged call alone', async () => {
    sw.sim.setDestination('jane', { answer: 'answer', after_ms: 100 });
    const caller = sw.sim.placeCall({ from: '1000', to: '2000' });
    const bridged = sw.log.waitForEvent('CHANNEL_BRIDGE', caller, undefined, 5000);
    await send(caller, 'bridge', 'user/jane@example.com');
    await bridged;
    const picker = sw.sim.placeCall({ from: '1001', to: '*8' });
    await execute(picker, 'set', 'intercept_unbridged_only=true');
    await execute(picker, 'intercept', caller);
    expect(sw.sim.getCall(picker)).toMatchObject({ answered: false, bridged_to: null });
    expect(sw.sim.getCall(caller).bridged_to).toBe(legTo('jane')!.uuid);
  });

  it('eavesdrop listens, then whispers to the target on 2, to both on 3, and ends on *', async () => {
    sw.sim.setDestination('jane', { answer: 'answer', after_ms: 100 });
    const caller = sw.sim.placeCall({ from: '1000', to: '2000' });
    const bridged = sw.log.waitForEvent('CHANNEL_BRIDGE', caller, undefined, 5000);
    await send(caller, 'bridge', 'user/jane@example.com');
    await bridged;
    const target = legTo('jane')!.uuid;
    const spy = sw.sim.placeCall({ from: '1001', to: '*33' });
    await execute(spy, 'answer', '');
    const app = await send(spy, 'eavesdrop', target);
    await sw.sim.waitForCall(spy, (c) => c.eavesdrops.length === 1);
    expect(sw.sim.getCall(spy).eavesdrops[0]).toEqual({ target, mux_read: false, mux_write: false, dtmf: true, active: true });
    await sw.sim.sendDtmf(spy, { digits: '2' });
    await sw.sim.waitForCall(spy, (c) => c.eavesdrops[0]!.mux_write);
    expect(sw.sim.getCall(spy).eavesdrops[0]).toMatchObject({ mux_read: false, mux_write: true });
    await sw.sim.sendDtmf(spy, { digits: '3' });
    await sw.sim.waitForCall(spy, (c) => c.eavesdrops[0]!.mux_read);
    await sw.sim.sendDtmf(spy, { digits: '*' });
    await completed(spy, app);
    expect(sw.sim.getCall(spy).eavesdrops[0]).toMatchObject({ mux_read: true, mux_write: true, active: false });
    expect(sw.sim.getCall(caller).bridged_to).toBe(target);
  });

  it('eavesdrop takes its starting mode from the whisper variables and ends when the target hangs up', async () => {
    sw.sim.setDestination('jane', { answer: 'answer', after_ms: 100 });
    const caller = sw.sim.placeCall({ from: '1000', to: '2000' });
    const bridged = sw.log.waitForEvent('CHANNEL_BRIDGE', caller, undefined, 5000);
    await send(caller, 'bridge', 'user/jane@example.com');
    await bridged;
    const target = legTo('jane')!.uuid;
    const spy = sw.sim.placeCall({ from: '1001', to: '*33' });
    await execute(spy, 'answer', '');
    await execute(spy, 'set', 'eavesdrop_whisper_bleg=true');
    const app = await send(spy, 'eavesdrop', target);
    await sw.sim.waitForCall(spy, (c) => c.eavesdrops.length === 1);
    expect(sw.sim.getCall(spy).eavesdrops[0]).toMatchObject({ mux_write: true, mux_read: false });
    sw.sim.hangup(target);
    await completed(spy, app);
    expect(sw.sim.getCall(spy)).toMatchObject({ hangup_cause: null });
  });

  it('eavesdrop does nothing without the caller media up or on an unknown uuid', async () => {
    const spy = sw.sim.placeCall({ from: '1001', to: '*33' });
    await execute(spy, 'eavesdrop', 'no-such-uuid');
    const other = sw.sim.placeCall({ from: '1002', to: '2000' });
    await execute(other, 'answer', '');
    await execute(spy, 'eavesdrop', other);
    expect(sw.sim.getCall(spy).eavesdrops).toEqual([]);
  });

  it('a phone told to answer by itself answers at once; a busy one stays busy', async () => {
    sw.sim.setDestination('jane', { answer: 'answer', after_ms: 60_000 });
    sw.sim.setDestination('joe', { answer: 'busy' });
    expect(await sw.client.api('originate {sip_auto_answer=true}user/jane@example.com &park()')).toMatch(/^\+OK /);
    expect(await sw.client.api("originate {sip_h_Call-Info='<sip:x>;answer-after=0'}user/joe@example.com &park()")).toBe('-ERR USER_BUSY\n');
  });

  it('a member with endconf ends the conference for the others', async () => {
    const host = sw.sim.placeCall({ from: '1000', to: '2000' });
    const listener = sw.sim.placeCall({ from: '1001', to: '2000' });
    const listening = await send(listener, 'conference', 'page@default+flags{mute}');
    await sw.sim.waitForCall(listener, (c) => c.variables.conference_name === 'page');
    await send(host, 'conference', 'page@default+flags{endconf|moderator}');
    await sw.sim.waitForCall(host, (c) => c.variables.conference_name === 'page');
    sw.sim.hangup(host);
    await completed(listener, listening);
  });

  it('conference_set_auto_outcall calls every phone when the member joins, and they join muted', async () => {
    sw.sim.setDestination('jane', { answer: 'answer', after_ms: 60_000 });
    sw.sim.setDestination('joe', { answer: 'answer', after_ms: 60_000 });
    sw.sim.setDestination('ann', { answer: 'busy' });
    const host = sw.sim.placeCall({ from: '1000', to: '*80' });
    await execute(host, 'set', 'conference_auto_outcall_flags=mute');
    await execute(host, 'set', 'conference_auto_outcall_timeout=5');
    for (const user of ['jane', 'joe', 'ann']) await execute(host, 'conference_set_auto_outcall', `{sip_auto_answer=true}user/${user}@example.com`);
    const paging = await send(host, 'conference', 'page-1@default+flags{endconf|moderator}');
    for (const user of ['jane', 'joe']) {
      const deadline = Date.now() + 5000;
      while (legTo(user)?.variables.conference_name !== 'page-1' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(legTo(user)).toMatchObject({ answered: true, variables: { conference_name: 'page-1' } });
      expect(legTo(user)!.applications.at(-1)).toMatchObject({ name: 'conference', arg: 'page-1@default+flags{mute}' });
    }
    expect((await sw.sim.waitForCall(legTo('ann')!.uuid, (c) => c.hangup_cause !== null)).hangup_cause).toBe('USER_BUSY');
    sw.sim.hangup(host);
    await completed(host, paging).catch(() => undefined);
    for (const user of ['jane', 'joe']) await sw.sim.waitForCall(legTo(user)!.uuid, (c) => c.hangup_cause !== null);
  });

  it('an originated &intercept() takes a ringing caller and keeps its leg in the bridge', async () => {
    sw.sim.setDestination('jane', { answer: 'no_answer' });
    sw.sim.setDestination('joe', { answer: 'answer', after_ms: 100 });
    const caller = sw.sim.placeCall({ from: '1000', to: '2000' });
    await execute(caller, 'set', 'continue_on_fail=true');
    await send(caller, 'bridge', 'user/jane@example.com');
    await ringing('jane');
    expect(await sw.client.api(`originate {intercept_unbridged_only=true}user/joe@example.com &intercept(${caller})`)).toMatch(/^\+OK /);
    await sw.sim.waitForCall(caller, (c) => c.bridged_to === legTo('joe')?.uuid);
    expect(legTo('jane')).toMatchObject({ hangup_cause: 'ORIGINATOR_CANCEL' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(legTo('joe')).toMatchObject({ hangup_cause: null, bridged_to: caller });
    sw.sim.hangup(caller);
    await sw.sim.waitForCall(legTo('joe')!.uuid, (c) => c.hangup_cause !== null);
  });
});
