import { randomUUID } from 'node:crypto';
import * as fs from '../esl/commands.js';
import type { ChannelEvent } from '../esl/event.js';
import { BEEP } from './beep.js';
import { speakArgument } from './talk.js';
import { playPrompt } from './play-media.js';
import type { ActionHandler, ActionRun } from './types.js';

/** Where the outcome goes: stored, empty (nothing said), full, or no_box. */
export const VOICEMAIL_RESULT = 'voipbin.voicemail.result';
/** Kazoo's default `max_message_length`, in seconds. */
const DEFAULT_MAX_SECONDS = 500;

/**
 * `voicemail_leave` (Kazoo's voicemail compose): greeting, instructions, beep, then
 * `record` until `#` (playback_terminators), the limit, or hangup. A message with any
 * length is stored in the box and the owner's phones get MESSAGE_WAITING. The box's
 * `skip_greeting` / `skip_instructions` apply unless the action says otherwise.
 */
export const voicemailLeave: ActionHandler<'voicemail_leave'> = {
  async start(run) {
    const option = run.action.option;
    const call = run.live.call;
    const box = await run.deps.voicemail.box(call.account_id, option.vmbox_id);
    if (!box) {
      await run.setVariables({ [VOICEMAIL_RESULT]: 'no_box' });
      await run.refuse('VMBOX_NOT_FOUND', `voicemail box ${option.vmbox_id} does not exist in the call's account`);
      return;
    }
    if (!run.live.answered) await run.execute('answer');
    const say = (text: string) => run.execute('speak', speakArgument({ text }, run.deps.settings.ttsEngine));
    if (!(option.skip_greeting ?? box.skip_greeting ?? false)) {
      if (box.media?.unavailable) await playPrompt(run, box.media.unavailable);
      else await say(`The person at extension ${box.mailbox.split('').join(' ')} is not available.`);
    }
    if (!(option.skip_instructions ?? box.skip_instructions ?? false)) await say('Please leave a message after the tone. When you are done, press pound.');
    await run.execute('playback', BEEP);
    await run.execute('set', 'playback_terminators=#');
    const limitSeconds = option.max_message_length !== undefined ? option.max_message_length / 1000 : (box.max_message_length ?? DEFAULT_MAX_SECONDS);
    const path = `${run.deps.settings.recordingDir}/voicemail-${randomUUID()}.wav`;
    await run.execute('record', fs.recordArgument(path, limitSeconds), { onComplete: (event) => keep(run, box, path, event) });
  },
};

async function keep(run: ActionRun<'voicemail_leave'>, box: NonNullable<Awaited<ReturnType<ActionRun<'voicemail_leave'>['deps']['voicemail']['box']>>>, path: string, event: ChannelEvent): Promise<void> {
  const length = Number(event.variable('record_ms') ?? '0');
  if (!(length > 0)) {
    await run.setVariables({ [VOICEMAIL_RESULT]: 'empty' });
    return;
  }
  const call = run.live.call;
  const outcome = await run.deps.voicemail.store(box, {
    caller_id_number: call.source.target,
    caller_id_name: call.source.target_name ?? call.source.target,
    from: call.source.target,
    to: call.destination.target,
    call_id: call.id,
    length: Math.round(length),
    media_path: path,
  });
  await run.setVariables({ [VOICEMAIL_RESULT]: outcome });
  if (outcome === 'stored') await run.deps.voicemail.notifyOwner(box, call.media_server);
}
