import { describe, expect, it } from '@jest/globals';
import { completion, fakeRun } from './test-support.js';
import { voicemailCheck } from './voicemail_check.js';

describe('voicemail_check', () => {
  it('asks for the PIN three times, then says goodbye and ends', async () => {
    const { run, did, listeners } = fakeRun('voicemail_check', { vmbox_id: 'locked' }, { answered: true });
    await voicemailCheck.start(run);
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(did.at(-2)).toBe('speak flite|slt|Please enter your password, then press pound.');
      expect(did.at(-1)).toBe(`play_and_get_digits 1 6 1 5000 # silence silence vm_input_${attempt} ^[0-9*#]+$`);
      await listeners.get('play_and_get_digits')!(completion({ [`vm_input_${attempt}`]: '0000' }));
    }
    expect(did.slice(-3)).toEqual(['speak flite|slt|Goodbye.', 'variables {"voipbin.voicemail.result":"login_failed"}', 'complete']);
    expect(did.filter((entry) => entry === 'speak flite|slt|Incorrect password.')).toHaveLength(2);
  });

  it('goes straight to the main menu of a box without a PIN, and exits on #', async () => {
    const { run, did, listeners } = fakeRun('voicemail_check', { vmbox_id: 'open' });
    await voicemailCheck.start(run);
    expect(did.slice(0, 2)).toEqual(['answer', 'speak flite|slt|You have 0 new and 0 saved messages. To hear new messages, press 1. To hear saved messages, press 2. To exit, press pound.']);
    await listeners.get('play_and_get_digits')!(completion({ vm_input_1: '#' }));
    expect(did.slice(-4)).toEqual(['speak flite|slt|Goodbye.', 'variables {"voipbin.voicemail.result":"checked"}', 'message waiting', 'complete']);
  });
});
