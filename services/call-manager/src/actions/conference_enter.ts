import type { customerManager } from '@voxmesh/contracts';
import * as fs from '../esl/commands.js';
import type { ChannelEvent } from '../esl/event.js';
import { speakArgument } from './talk.js';
import type { ActionHandler, ActionRun } from './types.js';

type Room = Pick<customerManager.Conference, 'member' | 'moderator' | 'max_participants'> & { name: string };

export const CONFERENCE_RESULT = 'voipbin.conference.result';
/** Kazoo's conference PIN tries. */
const PIN_TRIES = 3;

/**
 * `conference_enter`: welcome, the PIN when the conference has any (its value makes
 * the caller a moderator or a member), then FreeSWITCH's `conference` with the role's
 * flags. One step per completed application, so the call's queue is never held.
 */
export const conferenceEnter: ActionHandler<'conference_enter'> = {
  manual: true,
  async start(run) {
    const option = run.action.option;
    const call = run.live.call;
    const room = await roomOf(run);
    if (!room) {
      await run.setVariables({ [CONFERENCE_RESULT]: 'no_conference' });
      await run.refuse('CONFERENCE_NOT_FOUND', option.conference_id ? `conference ${option.conference_id} does not exist in the call's account` : 'conference_enter needs conference_id or config');
      return;
    }
    run.state.conference = room.name;
    if (!run.live.answered) await run.execute('answer');
    if (option.welcome !== false) await say(run, 'Welcome to the conference.');
    const pins = { member: room.member?.pins ?? [], moderator: room.moderator?.pins ?? [] };
    if (option.moderator !== undefined || pins.member.length + pins.moderator.length === 0) {
      await join(run, room, option.moderator === true);
      return;
    }
    await askPin(run, room, pins, 1);
  },
  async onInterrupt(run) {
    const name = run.state.conference;
    if (typeof name !== 'string') return;
    const member = fs.conferenceMember(await run.api(fs.conferenceList(name)), run.live.call.channel_id);
    if (member) await run.api(fs.conferenceKick(name, member));
  },
};

async function roomOf(run: ActionRun<'conference_enter'>): Promise<Room | undefined> {
  const option = run.action.option;
  const accountId = run.live.call.account_id;
  if (option.conference_id !== undefined) {
    const conference = await run.deps.conferences.get(accountId, option.conference_id);
    return conference ? { ...conference, name: `${accountId}_${conference.id}` } : undefined;
  }
  if (option.config === undefined) return undefined;
  const config = option.config as Room;
  // Callers of the same ad hoc conference meet by its name, within the account.
  return { ...config, name: `${accountId}_adhoc_${config.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` };
}

function say(run: ActionRun<'conference_enter'>, text: string): Promise<string> {
  return run.execute('speak', speakArgument({ text }, run.deps.settings.ttsEngine));
}

async function askPin(run: ActionRun<'conference_enter'>, room: Room, pins: { member: string[]; moderator: string[] }, attempt: number): Promise<void> {
  await say(run, 'Please enter the conference PIN, then press pound.');
  const variable = `conference_pin_${attempt}`;
  await run.execute('play_and_get_digits', `1 16 1 5000 # silence silence ${variable} ^[0-9]+$`, {
    onComplete: async (event: ChannelEvent) => {
      if (!run.active) return;
      const pin = event.variable(variable) ?? '';
      if (pins.moderator.includes(pin)) return join(run, room, true);
      if (pins.member.includes(pin)) return join(run, room, false);
      if (attempt >= PIN_TRIES) {
        await say(run, 'Goodbye.');
        await run.setVariables({ [CONFERENCE_RESULT]: 'bad_pin' });
        return run.complete();
      }
      await say(run, 'That PIN is not valid.');
      return askPin(run, room, pins, attempt + 1);
    },
  });
}

async function join(run: ActionRun<'conference_enter'>, room: Room, moderator: boolean): Promise<void> {
  if (room.max_participants !== undefined && fs.conferenceMemberCount(await run.api(fs.conferenceList(room.name)).catch(() => '')) >= room.max_participants) {
    await say(run, 'The conference is full.');
    await run.setVariables({ [CONFERENCE_RESULT]: 'full' });
    await run.complete();
    return;
  }
  const role = moderator ? room.moderator : room.member;
  // Kazoo's defaults: members join muted, moderators not.
  const flags = [...(moderator ? ['moderator'] : []), ...((role?.join_muted ?? !moderator) ? ['mute'] : []), ...(role?.join_deaf === true ? ['deaf'] : [])];
  await run.setVariables({ [CONFERENCE_RESULT]: 'joined' });
  await run.execute('conference', fs.conferenceJoinArgument(room.name, flags), { onComplete: async () => run.complete() });
}
