import { localStamp } from '../core/dates.js';
import type { Session } from '../core/session.js';
import type { ApiHandler } from './types.js';

const COLUMNS = [
  'uuid', 'direction', 'created', 'created_epoch', 'name', 'state', 'cid_name', 'cid_num', 'ip_addr', 'dest',
  'application', 'application_data', 'dialplan', 'context', 'read_codec', 'read_rate', 'read_bit_rate',
  'write_codec', 'write_rate', 'write_bit_rate', 'secure', 'hostname', 'presence_id', 'presence_data',
  'accountcode', 'callstate', 'callee_name', 'callee_num', 'callee_direction', 'call_uuid', 'sent_callee_name',
  'sent_callee_num', 'initial_cid_name', 'initial_cid_num', 'initial_ip_addr', 'initial_dest', 'initial_dialplan',
  'initial_context',
] as const;

type Row = Record<(typeof COLUMNS)[number], string>;

function row(session: Session, hostname: string): Row {
  const ch = session.channel;
  const p = ch.profile;
  const createdMs = Math.floor(ch.times.created / 1000);
  const created = localStamp(createdMs);
  return {
    uuid: ch.uuid,
    direction: ch.direction,
    created,
    created_epoch: String(Math.floor(createdMs / 1000)),
    name: ch.name,
    state: ch.state,
    cid_name: p.callerIdName,
    cid_num: p.callerIdNumber,
    ip_addr: p.networkAddr,
    dest: p.destinationNumber,
    application: ch.getVariable('current_application') ?? '',
    application_data: ch.getVariable('current_application_data') ?? '',
    dialplan: p.dialplan,
    context: p.context,
    read_codec: 'PCMU',
    read_rate: '8000',
    read_bit_rate: '64000',
    write_codec: 'PCMU',
    write_rate: '8000',
    write_bit_rate: '64000',
    secure: '',
    hostname,
    presence_id: ch.getVariable('presence_id') ?? '',
    presence_data: '',
    accountcode: ch.getVariable('accountcode') ?? '',
    callstate: ch.callState,
    callee_name: p.calleeIdName ?? '',
    callee_num: p.calleeIdNumber ?? '',
    callee_direction: '',
    call_uuid: ch.getVariable('call_uuid') ?? '',
    sent_callee_name: '',
    sent_callee_num: '',
    initial_cid_name: p.callerIdName,
    initial_cid_num: p.callerIdNumber,
    initial_ip_addr: p.networkAddr,
    initial_dest: p.destinationNumber,
    initial_dialplan: p.dialplan,
    initial_context: p.context,
  };
}

/** `show channels [as json]` and `show calls`, from the live channels. */
export const show: ApiHandler = ({ core }, arg) => {
  const words = arg.trim().split(/\s+/);
  const what = (words[0] ?? '').toLowerCase();
  if (what !== 'channels' && what !== 'calls') return '-USAGE: channels|calls [as json]\n';
  const json = words.length >= 3 && words[1] === 'as' && words[2] === 'json';
  const rows = core
    .liveSessions()
    .filter((session) => what === 'channels' || session.channel.bridgedTo === undefined || session.channel.otherLeg?.type === 'originatee')
    .map((session) => row(session, core.bus.identity.hostname));
  if (json) return rows.length === 0 ? '{"row_count":0}' : JSON.stringify({ row_count: rows.length, rows });
  const lines = [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => r[c]).join(','))];
  return `${lines.join('\n')}\n\n${rows.length} total.\n`;
};
