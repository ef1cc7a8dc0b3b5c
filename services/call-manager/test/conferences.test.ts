import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

/** Kazoo's `conference` module end to end: a pre-defined conference with PINs, and an ad hoc one. */
describe('conferences', () => {
  const env = new CallEnv();
  let accountId: string;
  let conferenceId: string;

  beforeAll(async () => {
    await env.start({ customers: true });
    const master = (await env.customers.call('bootstrap', { body: {} })).account_id;
    accountId = (await env.customers.call('createAccount', { body: { parent_id: master, name: 'Conference Calls Co' } })).id;
    conferenceId = (await env.customers.call('createConference', { params: { account_id: accountId }, body: { name: 'Weekly', member: { pins: ['1111'] }, moderator: { pins: ['9999'] }, max_participants: 2 } })).id;
    await env.flows.call('createFlow', { body: { account_id: accountId, numbers: ['7001'], flow: { module: 'conference', data: { id: conferenceId } } } });
    await env.flows.call('createFlow', { body: { account_id: accountId, numbers: ['7002'], flow: { module: 'conference', data: { config: { name: 'Standup' }, welcome_prompt: { play: false } } } } });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  const conferenceApp = (uuid: string) => env.simCall(uuid).applications.find((app) => app.name === 'conference');
  const inConference = (uuid: string) => eventually(`${uuid} in the conference`, () => (conferenceApp(uuid)?.response === null ? conferenceApp(uuid) : undefined), 20_000);
  const enterPin = async (uuid: string, n: number, digits: string) => {
    await eventually(`PIN prompt ${n}`, () => {
      const prompts = env.simCall(uuid).applications.filter((app) => app.name === 'play_and_get_digits');
      return prompts.length === n && prompts[n - 1]!.response === null;
    }, 20_000);
    await env.sim.sendDtmf(uuid, { digits, interval_ms: 50 });
  };

  it('lets a moderator and a member in by their PINs, a wrong PIN asked again, and turns away one past max_participants', async () => {
    const room = `${accountId}_${conferenceId}@default`;
    const moderator = env.sim.placeCall({ from: '+15559001', to: '7001' });
    await enterPin(moderator, 1, '9999#');
    expect((await inConference(moderator)).arg).toBe(`${room}+flags{moderator}`);

    const member = env.sim.placeCall({ from: '+15559002', to: '7001' });
    await enterPin(member, 1, '5555#');
    await enterPin(member, 2, '1111#');
    expect((await inConference(member)).arg).toBe(`${room}+flags{mute}`);
    expect(env.simCall(member).applications.map((app) => [app.name, app.arg])).toContainEqual(['speak', 'flite|slt|That PIN is not valid.']);
    const heard = env.simCall(member).applications.map((app) => app.arg);
    expect(heard.indexOf('flite|slt|Welcome to the conference.')).toBeGreaterThanOrEqual(0);
    expect(heard.indexOf('flite|slt|Welcome to the conference.')).toBeLessThan(heard.indexOf('flite|slt|Please enter the conference PIN, then press pound.'));

    const third = env.sim.placeCall({ from: '+15559003', to: '7001' });
    await enterPin(third, 1, '1111#');
    const turnedAway = await env.callUntil((await env.callOfChannel(third)).id, 'turned away', (c) => c.status === 'hangup', 20_000);
    expect(turnedAway.status).toBe('hangup');
    expect(env.simCall(third).applications.map((app) => [app.name, app.arg])).toContainEqual(['speak', 'flite|slt|The conference is full.']);
    expect(conferenceApp(third)).toBeUndefined();

    const memberCall = await env.callOfChannel(member);
    env.sim.hangup(moderator);
    env.sim.hangup(member);
    await env.callUntil(memberCall.id, 'hung up', (c) => c.status === 'hangup', 20_000);
  });

  it('puts callers of the same ad hoc conference together, without a welcome', async () => {
    const first = env.sim.placeCall({ from: '+15559011', to: '7002' });
    const second = env.sim.placeCall({ from: '+15559012', to: '7002' });
    const room = `${accountId}_adhoc_standup@default+flags{mute}`;
    expect((await inConference(first)).arg).toBe(room);
    expect((await inConference(second)).arg).toBe(room);
    expect(env.simCall(first).applications.map((app) => app.name)).not.toContain('speak');
    env.sim.hangup(first);
    env.sim.hangup(second);
  });
});
