import { describe, expect, it } from '@jest/globals';
import { completion, fakeRun } from './test-support.js';
import { voicemailLeave } from './voicemail_leave.js';

describe('voicemail_leave', () => {
  it('greets, instructs, beeps and records until #, then stores the message and lights the owner\'s phones', async () => {
    const { run, did, listeners } = fakeRun('voicemail_leave', { vmbox_id: 'box-1', max_message_length: 60_000 });
    await voicemailLeave.start(run);
    expect(did.slice(0, 5)).toEqual([
      'answer',
      'speak flite|slt|The person at extension 3 1 0 0 is not available.',
      'speak flite|slt|Please leave a message after the tone. When you are done, press pound.',
      'playback tone_stream://%(250,0,1000)',
      'set playback_terminators=#',
    ]);
    expect(did[5]).toMatch(/^record \/rec\/voicemail-[0-9a-f-]+\.wav 60$/);
    await listeners.get('record')!(completion({ record_ms: '4200' }));
    expect(did.slice(6)).toEqual(['store message', 'variables {"voipbin.voicemail.result":"stored"}', 'message waiting']);
  });

  it('stores nothing when nothing was said, and refuses a box the account does not have', async () => {
    const empty = fakeRun('voicemail_leave', { vmbox_id: 'box-1', skip_greeting: true, skip_instructions: true }, { answered: true });
    await voicemailLeave.start(empty.run);
    expect(empty.did[0]).toBe('playback tone_stream://%(250,0,1000)');
    await empty.listeners.get('record')!(completion({ record_ms: '0' }));
    expect(empty.did.at(-1)).toBe('variables {"voipbin.voicemail.result":"empty"}');

    const missing = fakeRun('voicemail_leave', { vmbox_id: 'missing' });
    await voicemailLeave.start(missing.run);
    expect(missing.did).toEqual(['variables {"voipbin.voicemail.result":"no_box"}', 'refuse VMBOX_NOT_FOUND']);
  });
});
