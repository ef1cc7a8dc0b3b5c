import { describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import type { HeldCall } from '../../calls/live-call.js';
import { CallRegistry } from '../../calls/registry.js';
import { KeyWaiters } from '../key-waiters.js';
import { MetaflowRunner } from '../runner.js';
import type { MetaflowRunDeps } from './types.js';

/** A call that writes down what the modules ask of it. */
function fakeCall(options: { hold?: boolean; recording?: boolean; bridgedTo?: string; channel?: string } = {}) {
  const done: string[] = [];
  let recording = options.recording ?? false;
  const call = {
    call: { id: 'call-1', account_id: 'acct', activeflow_id: 'af-1', hold: options.hold ?? false, channel_id: options.channel ?? 'chan-1', master_call_id: '', chained_call_ids: [] as string[] },
    leg: { channel: { bridged_to: options.bridgedTo ?? '' } },
    answered: true,
    ending: false,
    control: {
      answer: async () => void done.push('answer'),
      play: async (urls: string[]) => void done.push(`play ${urls.join(',')}`),
      talk: async (speech: { text: string; gender?: string; provider?: string }) => void done.push(`talk ${speech.text} ${speech.gender ?? '-'} ${speech.provider ?? '-'}`),
      breakMedia: async (all: boolean) => void done.push(`break media ${all}`),
      hold: async () => void done.push('hold'),
      unhold: async () => void done.push('unhold'),
      startRecording: async (o: { format: string }) => {
        if (recording) throw VoipError.conflict('recording', 'ALREADY_RECORDING');
        recording = true;
        done.push(`record start ${o.format}`);
      },
      stopRecording: async () => {
        if (!recording) throw VoipError.conflict('not recording', 'NOT_RECORDING');
        recording = false;
        done.push('record stop');
      },
    },
    requestHangup: async (reason: string) => void done.push(`hangup ${reason}`),
    breakMedia: async (all: boolean) => void done.push(`break ${all}`),
    actionNext: async (force: boolean) => void done.push(`next ${force}`),
    link: { api: async (command: string) => void done.push(command) },
    amend: (change: (c: unknown) => void) => change(call.call),
    run: <T>(work: () => Promise<T>) => work(),
  };
  return { call: call as unknown as HeldCall, done };
}

function runner(registry = new CallRegistry(), flows: Record<string, (request: unknown) => Promise<unknown>> = {}, keys = new KeyWaiters()) {
  const deps = {
    flows: { call: (route: string, request: unknown) => flows[route]!(request) },
    registry,
    keys,
    ttsEngine: 'flite',
    // No connect to watch: an attended transfer or a move finds nothing to act on.
    confbridges: { watch: () => undefined },
    logger: { debug() {}, info() {}, warn() {} },
  } as unknown as MetaflowRunDeps;
  return new MetaflowRunner(deps);
}

describe('the konami modules call-manager runs', () => {
  it('play: to both legs by default, answering first when asked; to self only on leg self', async () => {
    const registry = new CallRegistry();
    const peer = fakeCall({ channel: 'chan-2' });
    registry.add(peer.call);
    const { call, done } = fakeCall({ bridgedTo: 'chan-2' });
    await runner(registry).run(call, { module: 'play', data: { id: 'media_id' } });
    expect(done).toEqual(['play media_id']);
    expect(peer.done).toEqual(['play media_id']);
    await runner(registry).run(call, { module: 'play', data: { id: 'beep', leg: 'self' } });
    expect(peer.done).toEqual(['play media_id']);
  });

  it('tts: speaks to the pressing leg, voice read as a gender, engine as the provider', async () => {
    const { call, done } = fakeCall();
    await runner().run(call, { module: 'tts', data: { text: 'hello world', voice: 'male', engine: 'flite' } });
    expect(done).toEqual(['talk hello world male flite']);
  });

  it('hangup and break, and children: `_` follows a module that continues; hangup stops', async () => {
    const { call, done } = fakeCall();
    await runner().run(call, { module: 'break', children: { _: { module: 'hangup', children: { _: { module: 'break' } } } } });
    expect(done).toEqual(['break false', 'hangup normal']);
  });

  it('hold_control toggles, holds and unholds; resume unholds a held call only', async () => {
    const free = fakeCall();
    await runner().run(free.call, { module: 'hold_control', data: {} });
    await runner().run(free.call, { module: 'hold_control', data: { action: 'unhold' } });
    await runner().run(free.call, { module: 'resume' });
    expect(free.done).toEqual(['hold', 'unhold']);
    const held = fakeCall({ hold: true });
    await runner().run(held.call, { module: 'hold_control', data: { action: 'toggle' } });
    await runner().run(held.call, { module: 'resume' });
    expect(held.done).toEqual(['unhold', 'unhold']);
  });

  it('record_call: start (the default), stop, and toggle; a second start or a stop of none changes nothing', async () => {
    const { call, done } = fakeCall();
    await runner().run(call, { module: 'record_call' });
    await runner().run(call, { module: 'record_call', data: { action: 'start', format: 'mp3' } });
    await runner().run(call, { module: 'record_call', data: { action: 'toggle' } });
    await runner().run(call, { module: 'record_call', data: { action: 'stop' } });
    await runner().run(call, { module: 'record_call', data: { action: 'toggle', format: 'mp3' } });
    expect(done).toEqual(['record start wav', 'record stop', 'record start mp3']);
  });

  it("callflow: by id, or the account's callflow of the captured number, pushed onto the activeflow and run now", async () => {
    const pushed: unknown[] = [];
    const flows = {
      route: async (request: unknown) => {
        const number = (request as { query: { number: string } }).query.number;
        if (number === '2001') return { flow_id: 'flow-2001', account_id: 'acct' };
        if (number === '3001') return { flow_id: 'flow-3001', account_id: 'other' };
        throw VoipError.notFound('no route');
      },
      pushActions: async (request: unknown) => void pushed.push(request),
    };
    const { call, done } = fakeCall();
    await runner(new CallRegistry(), flows).run(call, { module: 'callflow', data: { collected: '12001', captured: ['2001'] } });
    await runner(new CallRegistry(), flows).run(call, { module: 'callflow', data: { id: 'flow-x' } });
    await runner(new CallRegistry(), flows).run(call, { module: 'callflow', data: { captured: ['3001'] } });
    await runner(new CallRegistry(), flows).run(call, { module: 'callflow', data: { captured: ['4001'] } });
    expect(pushed).toEqual([
      { params: { id: 'af-1' }, body: { actions: [{ type: 'fetch_flow', option: { flow_id: 'flow-2001' } }] } },
      { params: { id: 'af-1' }, body: { actions: [{ type: 'fetch_flow', option: { flow_id: 'flow-x' } }] } },
    ]);
    expect(done).toEqual(['next true', 'next true']);
  });

  it('say: by mod_dptools say beside what the leg runs, a number pronounced in en unless told', async () => {
    const { call, done } = fakeCall();
    await runner().run(call, { module: 'say', data: { text: '1234', method: 'iterated' } });
    await runner().run(call, { module: 'say', data: { text: '12 34', type: 'telephone_number', language: 'es', gender: 'feminine' } });
    expect(done).toEqual([`uuid_broadcast chan-1 'say::en number iterated 1234' aleg`, `uuid_broadcast chan-1 'say::es telephone_number pronounced FEMININE 1234' aleg`]);
  });

  it('audio_level: starts a level on what the leg hears (or says), and stops', async () => {
    const { call, done } = fakeCall();
    await runner().run(call, { module: 'audio_level', data: { action: 'start', level: 2 } });
    await runner().run(call, { module: 'audio_level', data: { action: 'start', level: -1, mode: 'read' } });
    await runner().run(call, { module: 'audio_level', data: { action: 'stop' } });
    expect(done).toEqual(['uuid_audio chan-1 start write level 2', 'uuid_audio chan-1 start read level -1', 'uuid_audio chan-1 stop']);
  });

  it('hold: the other party hears moh_bleg as the held leg\'s hold music, the holder moh_aleg, until the unhold key', async () => {
    const keys = new KeyWaiters();
    const { call, done } = fakeCall();
    await runner(new CallRegistry(), {}, keys).run(call, { module: 'hold', data: { moh_aleg: 'holder_music', moh_bleg: 'some_useful_media_id', unhold_key: '5' } });
    expect(done).toEqual(['uuid_setvar chan-1 hold_music some_useful_media_id', 'hold', 'play holder_music']);
    expect(keys.take(call, '1')).toBeUndefined();
    await keys.take(call, '5')!();
    expect(done.slice(3)).toEqual(['break media true', 'unhold']);
    expect(keys.take(call, '5')).toBeUndefined();
    // moh_aleg alone is both legs' music, as Kazoo defaults moh_bleg; `silence` plays nothing.
    const alone = fakeCall();
    await runner(new CallRegistry(), {}, keys).run(alone.call, { module: 'hold', data: { moh_aleg: 'both_music' } });
    await runner(new CallRegistry(), {}, keys).run(alone.call, { module: 'hold', data: { moh_aleg: 'silence', moh_bleg: 'b' } });
    expect(alone.done).toEqual(['uuid_setvar chan-1 hold_music both_music', 'hold', 'play both_music', 'uuid_setvar chan-1 hold_music b', 'hold']);
    await keys.take(alone.call, '1')!();
    expect(alone.done.slice(5)).toEqual(['unhold']);
    await runner(new CallRegistry(), {}, keys).run(call, { module: 'hold' });
    expect(keys.take(call, '1')).toBeDefined();
  });

  it('sound_touch: starts with each adjustment under its letter (pitch 1 when none is given), and stops', async () => {
    const { call, done } = fakeCall();
    await runner().run(call, { module: 'sound_touch', data: { action: 'start', pitch: 1.2, adjust_in_semitones: -3, sending_leg: true } });
    await runner().run(call, { module: 'sound_touch', data: { action: 'start' } });
    await runner().run(call, { module: 'sound_touch', data: { action: 'stop' } });
    expect(done).toEqual(['soundtouch chan-1 start send_leg -3s 1.2p', 'soundtouch chan-1 start 1p', 'soundtouch chan-1 stop']);
  });

  it('transfer to one of the account\'s callflows is blind: the other party runs it, let go from the transferor, who hangs up', async () => {
    const registry = new CallRegistry();
    const transferee = fakeCall({ channel: 'chan-2' });
    (transferee.call.call as { id: string; activeflow_id: string }).id = 'call-2';
    (transferee.call.call as { activeflow_id: string }).activeflow_id = 'af-2';
    registry.add(transferee.call);
    const transferor = fakeCall({ bridgedTo: 'chan-2' });
    (transferor.call.call as { chained_call_ids: string[] }).chained_call_ids = ['call-2'];
    const pushed: unknown[] = [];
    const flows = {
      route: async (request: unknown) => {
        if ((request as { query: { number: string } }).query.number === '2001') return { flow_id: 'flow-2001', account_id: 'acct' };
        throw VoipError.notFound('no route');
      },
      pushActions: async (request: unknown) => void pushed.push(request),
    };
    await runner(registry, flows).run(transferor.call, { module: 'transfer', data: { captured: ['2001'] } });
    expect(pushed).toEqual([{ params: { id: 'af-2' }, body: { actions: [{ type: 'fetch_flow', option: { flow_id: 'flow-2001' } }] } }]);
    expect(transferor.call.call.chained_call_ids).toEqual([]);
    expect(transferee.done).toEqual(['next true']);
    expect(transferor.done).toEqual(['hangup normal']);
    // Another number is attended, and needs a bridged connect: without one nothing happens.
    await runner(registry, flows).run(transferor.call, { module: 'transfer', data: { target: '+15550000' } });
    expect(pushed).toHaveLength(1);
    expect(transferor.done).toEqual(['hangup normal']);
    // Transfer-Type blind (channels.md): the other party is connected out to it.
    await runner(registry, flows).run(transferor.call, { module: 'transfer', data: { target: '+15550000', 'Transfer-Type': 'blind' } });
    expect(pushed[1]).toEqual({ params: { id: 'af-2' }, body: { actions: [{ type: 'connect', option: { destinations: [{ type: 'tel', target: '+15550000' }] } }] } });
    expect(transferor.done).toEqual(['hangup normal', 'hangup normal']);
    await expect(runner(registry, flows).run(transferor.call, { module: 'transfer', data: { target: '1', transfer_type: 'sideways' } })).rejects.toMatchObject({ status: 'INVALID_ARGUMENT', field: 'data.transfer_type' });
    // No other party: nothing happens.
    const alone = fakeCall();
    await runner(new CallRegistry(), flows).run(alone.call, { module: 'transfer', data: { target: '2001' } });
    expect(alone.done).toEqual([]);
  });

  it('refuses an unknown module or data that does not fit, naming the field', async () => {
    const { call } = fakeCall();
    await expect(runner().run(call, { module: 'explode' })).rejects.toMatchObject({ status: 'INVALID_ARGUMENT', field: 'module' });
    await expect(runner().run(call, { module: 'tts', data: { text: 5 } })).rejects.toMatchObject({ status: 'INVALID_ARGUMENT', field: 'data.text' });
  });
});
