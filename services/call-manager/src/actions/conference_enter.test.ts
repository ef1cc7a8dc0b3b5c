import { describe, expect, it } from '@jest/globals';
import { completion, fakeRun } from './test-support.js';
import { conferenceEnter } from './conference_enter.js';

describe('conference_enter', () => {
  it('asks for the PIN and joins a moderator unmuted, a member muted', async () => {
    for (const [pin, flags] of [['9999', 'moderator'], ['1111', 'mute']] as const) {
      const { run, did, listeners } = fakeRun('conference_enter', { conference_id: 'c1' }, { answered: true });
      await conferenceEnter.start(run);
      expect(did.slice(0, 2)).toEqual(['speak flite|slt|Welcome to the conference.', 'speak flite|slt|Please enter the conference PIN, then press pound.']);
      await listeners.get('play_and_get_digits')!(completion({ conference_pin_1: pin }));
      expect(did.at(-1)).toBe(`conference acct-1_c1@default+flags{${flags}}`);
      await listeners.get('conference')!(completion({}));
      expect(did.at(-1)).toBe('complete');
    }
  });

  it('says goodbye after three wrong PINs', async () => {
    const { run, did, listeners } = fakeRun('conference_enter', { conference_id: 'c1', welcome: false }, { answered: true });
    await conferenceEnter.start(run);
    for (let attempt = 1; attempt <= 3; attempt++) await listeners.get('play_and_get_digits')!(completion({ [`conference_pin_${attempt}`]: '0000' }));
    expect(did.slice(-3)).toEqual(['speak flite|slt|Goodbye.', 'variables {"voipbin.conference.result":"bad_pin"}', 'complete']);
    expect(did).not.toContain('speak flite|slt|Welcome to the conference.');
  });
});
