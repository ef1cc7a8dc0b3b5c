import type { ApiHandler } from './types.js';

/** `uuid_send_dtmf <uuid> <digits>`: sends digits to the far end of the leg. */
export const uuidSendDtmf: ApiHandler = ({ core }, arg) => {
  const [uuid, digits] = arg.trim().split(/\s+/);
  if (!uuid || !digits) return '-USAGE: <uuid> <dtmf_data>\n';
  const session = core.locate(uuid);
  if (!session) return '-ERR Cannot locate session!\n';
  session.channel.history.dtmfSent += digits.split('@')[0]?.replace(/[^0-9A-Da-d*#]/g, '') ?? '';
  return `+OK ${uuid} sent DTMF ${digits}.\n`;
};
