import type { ChannelEvent } from '../esl/event.js';
import type { ActionHandler, ActionRun } from './types.js';

/**
 * `amd`: answering-machine detection (the amd application, its verdict in
 * `amd_result`). A MACHINE with `machine_handle: hangup` hangs up with reason amd;
 * anything else goes on. `async` moves on at once and acts on the verdict when it comes.
 * amd is not FreeSWITCH's own: it comes with the third-party mod_amd, and a switch
 * without it hangs the call up on the unknown application, so the action is refused
 * (MODULE_MISSING) where the media server lacks it, and the call goes on.
 */
export const amd: ActionHandler<'amd'> = {
  async start(run) {
    const option = run.action.option;
    if (run.hasModule('mod_amd') === false) {
      await run.refuse('MODULE_MISSING', 'amd needs mod_amd (answering-machine detection), which the media server has not loaded');
      return;
    }
    if (!run.live.answered) await run.execute('answer');
    const verdict = (event: ChannelEvent) => judge(run, event);
    await run.execute('amd', '', option.async === true ? { wait: false, onComplete: verdict } : { onComplete: verdict });
  },
};

async function judge(run: ActionRun<'amd'>, event: ChannelEvent): Promise<void> {
  const result = event.variable('amd_result') ?? 'NOTSURE';
  run.state.result = result;
  if (result === 'MACHINE' && run.action.option.machine_handle === 'hangup') await run.hangup('amd');
}
