import type { EavesdropRecord } from '../channel/channel.js';
import type { Session } from '../core/session.js';
import type { AppHandler } from './types.js';

const truthy = (value: string | undefined) => value !== undefined && /^(true|yes|on|1|enabled|active|allow)$/i.test(value.trim());
/** switch_channel_media_up: answered, or with early media. */
const mediaUp = (session: Session) => session.channel.answerState === 'answered' || session.channel.answerState === 'early';
/** How long the switch waits for the target's media (600 turns of 10 ms). */
const TARGET_MEDIA_WAIT_MS = 6000;

/** The next 20 ms audio frame, in real time as the switch reads it; sooner when either side hangs up. */
async function nextFrame(session: Session, target: Session): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, 20))), session.hungUp, target.hungUp]);
  clearTimeout(timer);
}

/** switch_ivr_eavesdrop_session's digits: 1 the other party hears, 2 the target hears, 3 both, 0 neither; * ends. */
function applyDigit(record: EavesdropRecord, digit: string): 'end' | void {
  switch (digit) {
    case '0':
      record.mux_read = false;
      record.mux_write = false;
      return;
    case '1':
      record.mux_read = true;
      record.mux_write = false;
      return;
    case '2':
      record.mux_read = false;
      record.mux_write = true;
      return;
    case '3':
      record.mux_read = true;
      record.mux_write = true;
      return;
    case '*':
      return 'end';
  }
}

/**
 * `eavesdrop <uuid>` (mod_dptools.c, eavesdrop_function → switch_ivr_eavesdrop_session in
 * switch_ivr_async.c): the caller hears the target channel and the party it talks to.
 * Flags come from the caller's variables: `eavesdrop_whisper_aleg` (ED_MUX_READ),
 * `eavesdrop_whisper_bleg` (ED_MUX_WRITE), `eavesdrop_enable_dtmf` (on unless false) and
 * `eavesdrop_require_group` (matched against the target's comma-separated
 * `eavesdrop_group`). As there: nothing happens without the caller's media up, the target
 * gets 6 s to bring its media up, and the application lasts until either side hangs up or
 * `*` is pressed; uuid_break does not end it. `all` (every channel in turn) is not
 * simulated and ends at once.
 */
export const eavesdrop: AppHandler = async ({ session, core }, arg) => {
  const data = arg.trim();
  if (data === '' || data.toLowerCase() === 'all') return;
  const ch = session.channel;
  const target = core.locate(data);
  if (!target || !target.up || target === session || !mediaUp(session)) return;
  for (let waited = 0; !mediaUp(target) && target.up; waited += 10) {
    if (waited >= TARGET_MEDIA_WAIT_MS || (await session.wait(10)).outcome === 'hangup') return;
  }
  if (!mediaUp(target)) return;
  const group = ch.getVariable('eavesdrop_require_group');
  if (group !== undefined && group !== '') {
    const groups = (target.channel.getVariable('eavesdrop_group') ?? '').split(',');
    if (!groups.includes(group)) return;
  }
  const dtmfVariable = ch.getVariable('eavesdrop_enable_dtmf');
  const record: EavesdropRecord = {
    target: target.uuid,
    mux_read: truthy(ch.getVariable('eavesdrop_whisper_aleg')),
    mux_write: truthy(ch.getVariable('eavesdrop_whisper_bleg')),
    dtmf: dtmfVariable === undefined || truthy(dtmfVariable),
    active: true,
  };
  ch.history.eavesdrops.push(record);
  try {
    while (session.up && target.up) {
      await nextFrame(session, target);
      if (!record.dtmf || !session.up) continue;
      for (let read = await session.wait(0, { digits: true }); read.outcome === 'digit'; read = await session.wait(0, { digits: true })) {
        if (applyDigit(record, read.digit) === 'end') return;
      }
    }
  } finally {
    record.active = false;
  }
};
