import type { Channel } from '../channel/channel.js';
import { localStamp } from './dates.js';

const stamp = (micros: number) => localStamp(Math.floor(micros / 1000));

/** The CDR variables FreeSWITCH sets in CS_REPORTING. */
export function setCdrVariables(ch: Channel): void {
  const t = ch.times;
  const end = t.hangup;
  const set = (name: string, value: number | string) => ch.setVariable(name, String(value));
  const secs = (us: number) => Math.floor(us / 1_000_000);
  const msecs = (us: number) => Math.floor(us / 1000);
  const since = (from: number) => (from ? end - from : 0);
  set('start_stamp', stamp(t.created));
  set('start_epoch', secs(t.created));
  set('start_uepoch', t.created);
  set('end_stamp', stamp(end));
  set('end_epoch', secs(end));
  set('end_uepoch', end);
  if (t.answered) {
    set('answer_stamp', stamp(t.answered));
    set('answer_epoch', secs(t.answered));
    set('answer_uepoch', t.answered);
  } else {
    set('answer_epoch', 0);
    set('answer_uepoch', 0);
  }
  set('duration', secs(end - t.created));
  set('mduration', msecs(end - t.created));
  set('uduration', end - t.created);
  set('billsec', secs(since(t.answered)));
  set('billmsec', msecs(since(t.answered)));
  set('billusec', since(t.answered));
  set('progresssec', t.progress ? secs(t.progress - t.created) : 0);
  set('progressmsec', t.progress ? msecs(t.progress - t.created) : 0);
  set('answersec', t.answered ? secs(t.answered - t.created) : 0);
  set('answermsec', t.answered ? msecs(t.answered - t.created) : 0);
  set('waitsec', t.answered ? secs(t.answered - t.created) : 0);
  set('waitmsec', t.answered ? msecs(t.answered - t.created) : 0);
  const last = ch.history.applications.at(-1);
  if (last) {
    set('last_app', last.name);
    if (last.arg !== '') set('last_arg', last.arg);
  }
}
