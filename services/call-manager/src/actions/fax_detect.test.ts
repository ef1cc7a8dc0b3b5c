import { describe, expect, it } from '@jest/globals';
import type { ChannelEvent } from '../esl/event.js';
import { faxDetect } from './fax_detect.js';
import { fakeRun } from './test-support.js';

const tone = (headers: Record<string, string>) => ({ header: (name: string) => headers[name] }) as unknown as ChannelEvent;

describe('fax_detect', () => {
  it('starts the detector and its timeout; a fax tone makes it a fax and stops the detector', async () => {
    const { run, did } = fakeRun('fax_detect', { timeout: 3000 });
    await faxDetect.start(run);
    expect(did).toEqual(['spandsp_start_fax_detect set fax_detected=true 4 cng', 'timeout 3000']);
    await faxDetect.onTone!(run, tone({ 'Detected-Fax-Tone': 'true' }));
    expect(did.slice(2)).toEqual(['spandsp_stop_fax_detect', 'variables {"voipbin.fax_detect.result":"fax"}', 'complete']);
    // The timeout coming after changes nothing.
    await faxDetect.onTimeout!(run);
    expect(did.filter((line) => line === 'complete')).toHaveLength(1);
  });

  it('is a voice call when the timeout comes first; other tones are not a fax', async () => {
    const { run, did } = fakeRun('fax_detect', { tone: 'ced' });
    await faxDetect.start(run);
    expect(did).toEqual(['spandsp_start_fax_detect set fax_detected=true 6 ced', 'timeout 5000']);
    await faxDetect.onTone!(run, tone({}));
    await faxDetect.onTimeout!(run);
    expect(did.slice(2)).toEqual(['spandsp_stop_fax_detect', 'variables {"voipbin.fax_detect.result":"voice"}', 'complete']);
  });

  it('is refused without mod_spandsp, the call going on as a voice call', async () => {
    const { run, did } = fakeRun('fax_detect', {}, { modules: { mod_spandsp: false } });
    await faxDetect.start(run);
    expect(did).toEqual(['variables {"voipbin.fax_detect.result":"voice"}', 'refuse MODULE_MISSING']);
  });
});
