import { parseJoinSpec, type JoinSpec } from '../conference/conferences.js';
import type { Core } from '../core/core.js';
import type { Session } from '../core/session.js';
import type { AppHandler } from './types.js';

/** `conference_set_auto_outcall <dial string>` (mod_conference, conference_auto_function): the next conference this channel joins calls it. */
export const conferenceSetAutoOutcall: AppHandler = async ({ session }, arg) => {
  if (arg.trim() !== '') session.channel.autoOutcalls.push(arg.trim());
};

/**
 * The auto-outcalls of a joining member (conference_function → conference_outcall_bg),
 * each dialled on its own: an answered leg joins the conference with
 * `conference_auto_outcall_flags`, after `conference_auto_outcall_timeout` seconds
 * (default 60) of ringing it is given up. Their caller id is
 * `conference_auto_outcall_caller_id_name`/`_number`, else the member's.
 */
function callOut(core: Core, session: Session, spec: JoinSpec): void {
  const ch = session.channel;
  const calls = ch.autoOutcalls.splice(0);
  const flags = (ch.getVariable('conference_auto_outcall_flags') ?? '').split('|').filter((flag) => flag !== '' && flag !== 'none');
  const timeoutSec = Number.parseInt(ch.getVariable('conference_auto_outcall_timeout') ?? '', 10);
  const prefix = ch.getVariable('conference_auto_outcall_prefix') ?? '';
  const join = `${spec.name}@${spec.profile}${flags.length > 0 ? `+flags{${flags.join('|')}}` : ''}`;
  for (const dial of calls) {
    void core.dialer
      .dial(`${prefix}${dial}`, {
        callerIdName: ch.getVariable('conference_auto_outcall_caller_id_name') ?? ch.profile.callerIdName,
        callerIdNumber: ch.getVariable('conference_auto_outcall_caller_id_number') ?? ch.profile.callerIdNumber,
        timeoutSec: Number.isFinite(timeoutSec) && timeoutSec > 0 ? timeoutSec : 60,
      })
      .then((result) => {
        if (!result.ok) return;
        const leg = result.leg;
        leg.startDialplan(async () => {
          leg.setState('CS_EXECUTE');
          await leg.runApp('conference', join);
        });
      });
  }
}

/** `conference <name>[@profile][+flags{…}]`: answers and stays until hangup or kick; queued messages run meanwhile. */
export const conference: AppHandler = async ({ session, core, eventLock }, arg) => {
  const spec = parseJoinSpec(arg);
  if (spec.name === '') return;
  session.answer();
  const joined = core.conferences.join(session, spec);
  if (session.channel.autoOutcalls.length > 0) callOut(core, session, spec);
  await session.serveWhile(joined, eventLock);
};
