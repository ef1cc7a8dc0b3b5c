import type { ConferenceRoom, Member } from '../conference/conferences.js';
import type { ApiHandler } from './types.js';

function memberLine(member: Member): string {
  const p = member.session.channel.profile;
  const flags = [!member.deaf && 'hear', !member.muted && 'speak', member.moderator && 'moderator'].filter(Boolean).join('|');
  return `${member.id};${member.session.channel.name};${member.session.uuid};${p.callerIdName};${p.callerIdNumber};${flags};0;0;100\n`;
}

function select(room: ConferenceRoom, which: string | undefined): Member[] {
  const members = [...room.members.values()];
  if (which === 'all') return members;
  if (which === 'last') return members.slice(-1);
  return members.filter((member) => String(member.id) === which);
}

/** `conference [<name> list|kick|hup|mute|unmute <member_id|all|last>]`. */
export const conference: ApiHandler = ({ core }, arg) => {
  const [name, command = 'list', which] = arg.trim().split(/\s+/);
  if (!name || name === 'list') {
    return core.conferences
      .list()
      .map((room) => `+OK Conference ${room.name} (${room.members.size} member${room.members.size === 1 ? '' : 's'} rate: 8000 flags: running|answered|enforce_min|dynamic)\n${[...room.members.values()].map(memberLine).join('')}`)
      .join('');
  }
  const room = core.conferences.get(name);
  if (!room) return `-ERR Conference ${name} not found\n`;
  switch (command) {
    case 'list':
      return [...room.members.values()].map(memberLine).join('');
    case 'kick':
    case 'hup':
      return select(room, which)
        .map((member) => {
          member.leave(command === 'hup');
          return `+OK ${command === 'kick' ? 'kicked' : 'hup'} ${member.id}\n`;
        })
        .join('') || `-ERR Non-Existant ID ${which ?? ''}\n`;
    case 'mute':
    case 'unmute':
      return select(room, which)
        .map((member) => {
          core.conferences.setMuted(room, member, command === 'mute');
          return `+OK ${command} ${member.id}\n`;
        })
        .join('') || `-ERR Non-Existant ID ${which ?? ''}\n`;
    default:
      return `-ERR Unknown Command [${command}]\n`;
  }
};
