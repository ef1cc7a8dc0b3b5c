import * as fs from '../esl/commands.js';
import { BRIDGE_RESULT } from './bridge.js';
import type { ActionHandler } from './types.js';

/** cf_page_group's default ring time. */
const DEFAULT_TIMEOUT_MS = 5000;

/**
 * `page` (cf_page_group, and ecallmgr's page through mod_conference): the caller answers
 * and joins the conference `page_<call id>` as its moderator with `endconf`, having
 * queued one auto-outcall (`conference_set_auto_outcall`) per device to page. The
 * conference calls them all at once, each asked to answer by itself (`sip_auto_answer`,
 * Call-Info `answer-after=0`), and they join muted unless `two_way`. The page lasts until
 * the caller leaves, which ends it for everyone. A device forwarded elsewhere is not paged.
 */
export const page: ActionHandler<'page'> = {
  async start(run) {
    const option = run.action.option;
    const call = run.live.call;
    const timeoutMs = option.timeout ?? DEFAULT_TIMEOUT_MS;
    const legs = (
      await run.deps.endpoints.resolve({ accountId: call.account_id, caller: call.device, endpoints: option.endpoints, timeoutMs, canCallSelf: false })
    ).filter((leg) => !leg.forwarded);
    if (legs.length === 0) {
      await run.setVariables({ [BRIDGE_RESULT]: 'NO_ENDPOINTS' });
      return;
    }
    if (!run.live.answered) await run.execute('answer');
    await run.execute('set', `conference_auto_outcall_flags=${option.two_way === true ? 'none' : 'mute'}`);
    await run.execute('set', `conference_auto_outcall_timeout=${Math.max(1, Math.ceil(timeoutMs / 1000))}`);
    for (const leg of legs) await run.execute('conference_set_auto_outcall', fs.autoAnswerLeg(leg.endpoint));
    await run.setVariables({ [BRIDGE_RESULT]: 'SUCCESS' });
    await run.execute('conference', fs.conferenceJoinArgument(`page_${call.id}`, ['endconf', 'moderator']));
  },
  async onInterrupt(run) {
    const name = `page_${run.live.call.id}`;
    const member = fs.conferenceMember(await run.api(fs.conferenceList(name)), run.live.call.channel_id);
    if (member) await run.api(fs.conferenceKick(name, member));
  },
};
