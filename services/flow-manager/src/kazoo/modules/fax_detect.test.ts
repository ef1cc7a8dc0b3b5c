import { describe, expect, it } from '@jest/globals';
import { compileCallflow } from '../compiler.js';

const option = (action: { option: unknown }) => action.option as Record<string, unknown>;

describe('fax_detect module', () => {
  it('listens for `duration` seconds, then sends a fax to `fax` and a voice call to `_`', () => {
    const actions = compileCallflow({ module: 'fax_detect', data: { duration: 3 }, children: { fax: { module: 'hangup' }, _: { module: 'tts', data: { text: 'Hello.' } } } });
    const listen = actions[0]!;
    expect(listen).toMatchObject({ type: 'fax_detect', option: { timeout: 3000 } });
    const branch = actions.find((action) => action.id === listen.next_id)!;
    expect(branch).toMatchObject({ type: 'branch', option: { variable: 'voipbin.fax_detect.result' } });
    const typeOf = (id: string) => actions.find((action) => action.id === id)!.type;
    expect(typeOf((option(branch).target_ids as Record<string, string>).fax!)).toBe('hangup');
    expect(typeOf(option(branch).default_target_id as string)).toBe('talk');
  });

  it("takes Kazoo's older ON_FAX / ON_VOICE children, and listens 5 s by default", () => {
    const actions = compileCallflow({ module: 'fax_detect', data: {}, children: { ON_FAX: { module: 'hangup' }, ON_VOICE: { module: 'tts', data: { text: 'Hi.' } } } });
    expect(option(actions[0]!)).toEqual({ timeout: 5000 });
    const branch = actions.find((action) => action.type === 'branch')!;
    const typeOf = (id: string) => actions.find((action) => action.id === id)!.type;
    expect(typeOf((option(branch).target_ids as Record<string, string>).fax!)).toBe('hangup');
    expect(typeOf(option(branch).default_target_id as string)).toBe('talk');
  });

  it('refuses a bad duration naming the field', () => {
    expect(() => compileCallflow({ module: 'fax_detect', data: { duration: 0 } })).toThrow(/duration/);
  });
});
