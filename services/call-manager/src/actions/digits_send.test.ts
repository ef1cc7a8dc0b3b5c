import { describe, expect, it } from '@jest/globals';
import { digitsSend, dtmfSend } from './digits_send.js';
import { fakeRun } from './test-support.js';

describe('digits_send and dtmf_send', () => {
  it('sends the tones, with their length when given', async () => {
    const plain = fakeRun('digits_send', { digits: '12#' });
    await digitsSend.start(plain.run);
    const timed = fakeRun('dtmf_send', { digits: '9', duration: 250 });
    await dtmfSend.start(timed.run);
    expect([...plain.did, ...timed.did]).toEqual(['send_dtmf 12#', 'send_dtmf 9@250']);
  });
});
