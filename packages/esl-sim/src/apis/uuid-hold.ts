import type { ApiHandler } from './types.js';

/** `uuid_hold [off|toggle] <uuid> [<display>]`. */
export const uuidHold: ApiHandler = ({ core }, arg) => {
  const words = arg.trim().split(/\s+/).filter((w) => w !== '');
  const mode = words[0] === 'off' || words[0] === 'toggle' ? words.shift() : 'on';
  const uuid = words[0];
  if (!uuid) return '-USAGE: [off|toggle] <uuid> [<display>]\n';
  const session = core.locate(uuid);
  if (!session || !session.up) return '-ERR Operation Failed\n';
  session.hold(mode === 'toggle' ? !session.held : mode === 'on');
  return '+OK Success\n';
};
