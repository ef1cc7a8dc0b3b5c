import { describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import type { Action } from '../../contract.js';
import { compileCallflow } from '../compiler.js';

const byId = (actions: Action[]) => new Map(actions.map((action) => [action.id, action]));

describe('menu as Kazoo writes it', () => {
  it('speaks a TTS greeting, waits interdigit_timeout per further digit, and plays default invalid and exit prompts', () => {
    const actions = compileCallflow({
      module: 'menu',
      data: { hunt: false, retries: 2, timeout: 4000, interdigit_timeout: 1500, max_extension_length: 3, media: { greeting: { tts: { text: 'Choose.', voice: 'male' } }, invalid_media: true, exit_media: true } },
      children: { '100': { module: 'hangup' }, max_retries: { module: 'tts', data: { text: 'out' } } },
    });
    const ids = byId(actions);
    expect(actions[1]).toMatchObject({ type: 'talk', option: { text: 'Choose.', gender: 'male' } });
    expect(actions.find((action) => action.type === 'digits_receive')!.option).toEqual({ duration: 4000 + 2 * 1500, length: 3, key: '#' });
    const branch = actions.find((action) => action.type === 'branch')!;
    const invalid = ids.get((branch.option as { default_target_id: string }).default_target_id)!;
    expect(invalid).toMatchObject({ type: 'talk', option: { text: 'That is not a valid choice.' } });
    const again = ids.get(invalid.next_id!)!;
    expect(again).toMatchObject({ type: 'goto', option: { target_id: actions[0]!.id, loop_count: 1 } });
    const exit = ids.get(again.next_id!)!;
    expect(exit).toMatchObject({ type: 'talk', option: { text: 'Goodbye.' } });
    expect(ids.get(exit.next_id!)!.option).toEqual({ text: 'out' });
  });

  it('plays nothing for invalid_media and exit_media false, and a media URL for a string', () => {
    const actions = compileCallflow({
      module: 'menu',
      data: { hunt: false, media: { greeting: 'https://m/g.wav', invalid_media: false, exit_media: 'https://m/bye.wav' } },
      children: { '1': { module: 'hangup' } },
    });
    const ids = byId(actions);
    const branch = actions.find((action) => action.type === 'branch')!;
    expect(ids.get((branch.option as { default_target_id: string }).default_target_id)!.type).toBe('goto');
    expect(actions.filter((action) => action.type === 'play').map((action) => action.option)).toEqual([{ stream_urls: ['https://m/g.wav'] }, { stream_urls: ['https://m/bye.wav'] }]);
  });

  it('hunts by default: digits no child takes are looked up, transfer_media plays, and the call goes on in that callflow for good', () => {
    const actions = compileCallflow({
      module: 'menu',
      data: { hunt_allow: '^2\\d{3}$', hunt_deny: '^2999$', media: { invalid_media: true, transfer_media: true } },
      children: { '0': { module: 'hangup' } },
    });
    const ids = byId(actions);
    const branch = actions.find((action) => action.type === 'branch')!;
    expect(branch.option).toMatchObject({ keep_variable: true });
    const lookup = ids.get((branch.option as { default_target_id: string }).default_target_id)!;
    expect(lookup).toMatchObject({ type: 'route_lookup', option: { number: '${voipbin.call.digits}', allow: '^2\\d{3}$', deny: '^2999$' } });
    expect(ids.get((lookup.option as { false_target_id: string }).false_target_id)).toMatchObject({ type: 'talk', option: { text: 'That is not a valid choice.' } });
    const transfer = ids.get(lookup.next_id!)!;
    expect(transfer).toMatchObject({ type: 'talk', option: { text: 'Please hold while your call is transferred.' } });
    const into = ids.get(transfer.next_id!)!;
    expect(into).toMatchObject({ type: 'fetch_flow', option: { flow_id: '${voipbin.route.flow_id}' } });
    expect(ids.get(into.next_id!)!.type).toBe('stop');
  });

  it.each([
    [{ hunt: 'yes' }, 'flow.data.hunt'],
    [{ hunt_allow: '(' }, 'flow.data.hunt_allow'],
    [{ media: { transfer_media: 7 } }, 'flow.data.media.transfer_media'],
    [{ media: { greeting: 42 } }, 'flow.data.media.greeting'],
    [{ media: { exit_media: { tts: {} } } }, 'flow.data.media.exit_media'],
    [{ interdigit_timeout: 0 }, 'flow.data.interdigit_timeout'],
    [{ retries: 'many' }, 'flow.data.retries'],
  ])('refuses %j with a 400 naming %s', (data, field) => {
    let error: unknown;
    try {
      compileCallflow({ module: 'menu', data });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(VoipError);
    expect(error).toMatchObject({ status: 'INVALID_ARGUMENT', field });
  });
});
