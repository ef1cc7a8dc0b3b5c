import { randomUUID } from 'node:crypto';
import type { Core } from '../core/core.js';
import type { Session } from '../core/session.js';
import type { Header } from '../protocol/event.js';

export const CONFERENCE_SUBCLASS = 'conference::maintenance';

export interface Member {
  id: number;
  session: Session;
  moderator: boolean;
  muted: boolean;
  deaf: boolean;
  /** Ends the member's stay; `hangup` also hangs the call up. */
  leave: (hangup: boolean) => void;
}

export interface ConferenceRoom {
  name: string;
  profile: string;
  uuid: string;
  members: Map<number, Member>;
  nextMemberId: number;
}

export interface JoinSpec {
  name: string;
  profile: string;
  flags: Set<string>;
}

/** `conference <name>[@profile][+pin][+flags{a|b}]`. */
export function parseJoinSpec(arg: string): JoinSpec {
  let text = arg.trim();
  const flags = new Set<string>();
  const flagBlock = /\+flags\{([^}]*)\}/.exec(text);
  if (flagBlock) {
    for (const flag of flagBlock[1]!.split('|')) if (flag.trim() !== '') flags.add(flag.trim());
    text = text.replace(flagBlock[0], '');
  }
  text = text.split('+')[0] ?? '';
  const at = text.indexOf('@');
  return at < 0 ? { name: text, profile: 'default', flags } : { name: text.slice(0, at), profile: text.slice(at + 1) || 'default', flags };
}

/**
 * mod_conference reduced to membership: members join and leave, and the
 * `conference::maintenance` CUSTOM events say so (conference-create, add-member,
 * del-member, mute-member, conference-destroy).
 */
export class ConferenceManager {
  private readonly rooms = new Map<string, ConferenceRoom>();

  constructor(private readonly core: Core) {}

  get(name: string): ConferenceRoom | undefined {
    return this.rooms.get(name);
  }

  list(): ConferenceRoom[] {
    return [...this.rooms.values()];
  }

  /** Joins the session and resolves when it leaves (hangup, kick). */
  async join(session: Session, spec: JoinSpec): Promise<void> {
    let room = this.rooms.get(spec.name);
    if (!room) {
      room = { name: spec.name, profile: spec.profile, uuid: randomUUID(), members: new Map(), nextMemberId: 1 };
      this.rooms.set(spec.name, room);
      this.fireRoomEvent(room, 'conference-create');
    }
    let leave!: (hangup: boolean) => void;
    const left = new Promise<boolean>((resolve) => (leave = resolve));
    const member: Member = {
      id: room.nextMemberId++,
      session,
      moderator: spec.flags.has('moderator'),
      muted: spec.flags.has('mute'),
      deaf: spec.flags.has('deaf'),
      leave,
    };
    room.members.set(member.id, member);
    session.channel.setVariable('conference_name', room.name);
    session.channel.setVariable('conference_uuid', room.uuid);
    session.channel.setVariable('conference_member_id', String(member.id));
    this.fireMemberEvent(room, member, 'add-member');
    const hangup = await Promise.race([left, session.hungUp.then(() => false)]);
    room.members.delete(member.id);
    this.fireMemberEvent(room, member, 'del-member');
    // endconf (MFLAG_ENDCONF): this member leaving ends the conference for everyone in it.
    if (spec.flags.has('endconf')) for (const other of room.members.values()) other.leave(false);
    if (room.members.size === 0) {
      this.rooms.delete(room.name);
      this.fireRoomEvent(room, 'conference-destroy');
    }
    if (hangup) session.hangup('NORMAL_CLEARING');
  }

  setMuted(room: ConferenceRoom, member: Member, muted: boolean): void {
    member.muted = muted;
    this.fireMemberEvent(room, member, muted ? 'mute-member' : 'unmute-member');
  }

  private roomHeaders(room: ConferenceRoom): Header[] {
    return [
      ['Conference-Name', room.name],
      ['Conference-Domain', this.core.bus.identity.hostname],
      ['Conference-Size', String(room.members.size)],
      ['Conference-Ghosts', '0'],
      ['Conference-Profile-Name', room.profile],
      ['Conference-Unique-ID', room.uuid],
    ];
  }

  private fireRoomEvent(room: ConferenceRoom, action: string): void {
    this.core.bus.fire('CUSTOM', () => ({ headers: [...this.roomHeaders(room), ['Action', action]] }), {
      subclass: CONFERENCE_SUBCLASS,
      origin: { file: 'mod_conference.c', func: 'conference_thread_run', line: 345 },
      keys: [],
    });
  }

  private fireMemberEvent(room: ConferenceRoom, member: Member, action: string): void {
    member.session.fire(
      'CUSTOM',
      [
        ...this.roomHeaders(room),
        ['Floor', 'false'],
        ['Video', 'false'],
        ['Hear', String(!member.deaf)],
        ['See', 'true'],
        ['Speak', String(!member.muted)],
        ['Talking', 'false'],
        ['Mute-Detect', 'false'],
        ['Member-ID', String(member.id)],
        ['Member-Type', member.moderator ? 'moderator' : 'member'],
        ['Member-Ghost', 'false'],
        ['Energy-Level', '100'],
        ['Current-Energy', '0'],
        ['Action', action],
      ],
      { subclass: CONFERENCE_SUBCLASS, origin: { file: 'conference_member.c', func: 'conference_member_add', line: 800 } },
    );
  }
}
