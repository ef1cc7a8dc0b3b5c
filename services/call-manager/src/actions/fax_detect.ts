import type { ChannelEvent } from '../esl/event.js';
import type { ActionHandler, ActionRun } from './types.js';

/** Where the flow reads what was heard: `fax` or `voice`. */
export const FAX_DETECT_RESULT = 'voipbin.fax_detect.result';
const DEFAULT_TIMEOUT_MS = 5000;

async function settle(run: ActionRun<'fax_detect'>, result: 'fax' | 'voice'): Promise<void> {
  if (run.state.settled) return;
  run.state.settled = true;
  await run.setVariables({ [FAX_DETECT_RESULT]: result });
  await run.complete();
}

/**
 * `fax_detect`: mod_spandsp's spandsp_start_fax_detect (`spandsp_fax_detect_session`)
 * listens for the tone while the call waits; the media server's DETECTED_TONE with
 * `Detected-Fax-Tone: true` makes it a fax, the action's own timeout a voice call, and
 * either way the detector is stopped (spandsp_stop_fax_detect). The detector sets
 * `fax_detected=true` on the channel too, as Kazoo's does. Without mod_spandsp the
 * action is refused (MODULE_MISSING) and the call goes on as a voice call.
 */
export const faxDetect: ActionHandler<'fax_detect'> = {
  manual: true,
  async start(run) {
    if (run.hasModule('mod_spandsp') === false) {
      await run.setVariables({ [FAX_DETECT_RESULT]: 'voice' });
      await run.refuse('MODULE_MISSING', 'fax_detect needs mod_spandsp on the media server');
      return;
    }
    const timeoutMs = run.action.option.timeout ?? DEFAULT_TIMEOUT_MS;
    // The detector outlives the action's timeout by a second, so the timeout decides.
    const detectorSeconds = Math.ceil(timeoutMs / 1000) + 1;
    await run.execute('spandsp_start_fax_detect', `set fax_detected=true ${detectorSeconds} ${run.action.option.tone ?? 'cng'}`, { wait: false });
    await run.timeoutAfter(timeoutMs);
  },
  async onTone(run, event: ChannelEvent) {
    if (event.header('Detected-Fax-Tone') !== 'true') return;
    await run.execute('spandsp_stop_fax_detect', '', { wait: false });
    await settle(run, 'fax');
  },
  async onTimeout(run) {
    await run.execute('spandsp_stop_fax_detect', '', { wait: false });
    await settle(run, 'voice');
  },
};
