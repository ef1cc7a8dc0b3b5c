import type { customerManager } from '@voxmesh/contracts';
import type { ChannelEvent } from '../esl/event.js';
import { speakArgument } from './talk.js';
import type { ActionHandler, ActionRun } from './types.js';
import { VOICEMAIL_RESULT } from './voicemail_leave.js';

type Vmbox = customerManager.Vmbox;
type VmMessage = customerManager.VmMessage;

/** Kazoo's max_login_attempts. */
const LOGIN_ATTEMPTS = 3;
const INPUT_TIMEOUT_MS = 5000;
/** Kazoo's keys: main menu, and after a message. */
const KEYS = { hearNew: '1', hearSaved: '2', exit: '#', save: '1', replay: '2', next: '6', delete: '7' } as const;

/**
 * `voicemail_check` (Kazoo's voicemail check): a small dialogue, one step per
 * application completed, so the call's queue is never held waiting for the caller.
 * Input is read with `play_and_get_digits` after the prompt is spoken.
 */
export const voicemailCheck: ActionHandler<'voicemail_check'> = {
  manual: true,
  async start(run) {
    const box = await run.deps.voicemail.box(run.live.call.account_id, run.action.option.vmbox_id);
    if (!box) {
      await run.setVariables({ [VOICEMAIL_RESULT]: 'no_box' });
      await run.refuse('VMBOX_NOT_FOUND', `voicemail box ${run.action.option.vmbox_id} does not exist in the call's account`);
      return;
    }
    if (!run.live.answered) await run.execute('answer');
    const dialogue = new Dialogue(run, box);
    await (box.pin ? dialogue.askPin(1) : dialogue.mainMenu());
  },
};

class Dialogue {
  private asked = 0;

  constructor(
    private readonly run: ActionRun<'voicemail_check'>,
    private readonly box: Vmbox,
  ) {}

  async askPin(attempt: number): Promise<void> {
    await this.ask('Please enter your password, then press pound.', { min: 1, max: 6, terminators: '#' }, async (pin) => {
      if (pin === this.box.pin) return this.mainMenu();
      if (attempt >= LOGIN_ATTEMPTS) return this.finish('login_failed', 'Goodbye.');
      await this.say('Incorrect password.');
      return this.askPin(attempt + 1);
    });
  }

  async mainMenu(): Promise<void> {
    const fresh = await this.run.deps.voicemail.messages(this.box, 'new');
    const saved = await this.run.deps.voicemail.messages(this.box, 'saved');
    const prompt = `You have ${fresh.length} new and ${saved.length} saved messages. To hear new messages, press 1. To hear saved messages, press 2. To exit, press pound.`;
    await this.ask(prompt, { min: 1, max: 1, terminators: 'none' }, async (key) => {
      if (key === KEYS.hearNew) return this.play(fresh, 0);
      if (key === KEYS.hearSaved) return this.play(saved, 0);
      if (key === KEYS.exit || key === '') return this.finish('checked', 'Goodbye.');
      return this.mainMenu();
    });
  }

  private async play(messages: VmMessage[], at: number): Promise<void> {
    const message = messages[at];
    if (!message) {
      await this.say('No more messages.');
      return this.mainMenu();
    }
    await this.say(`Message ${at + 1}, from ${message.caller_id_number.split('').join(' ')}.`);
    await this.run.execute('playback', message.media_path);
    const prompt = 'To save this message, press 1. To hear it again, press 2. For the next message, press 6. To delete it, press 7.';
    await this.ask(prompt, { min: 1, max: 1, terminators: 'none' }, async (key) => {
      if (key === KEYS.replay) return this.play(messages, at);
      if (key === KEYS.save) {
        if (message.folder !== 'saved') await this.run.deps.voicemail.move(this.box, message.media_id, 'saved');
        await this.say('Message saved.');
      } else if (key === KEYS.delete) {
        await this.run.deps.voicemail.remove(this.box, message.media_id);
        await this.say('Message deleted.');
      } else if (key !== KEYS.next) {
        return this.play(messages, at);
      }
      return this.play(messages, at + 1);
    });
  }

  private async finish(result: 'checked' | 'login_failed', goodbye: string): Promise<void> {
    await this.say(goodbye);
    await this.run.setVariables({ [VOICEMAIL_RESULT]: result });
    if (result === 'checked') await this.run.deps.voicemail.notifyOwner(this.box, this.run.live.call.media_server);
    await this.run.complete();
  }

  private say(text: string): Promise<string> {
    return this.run.execute('speak', speakArgument({ text }, this.run.deps.settings.ttsEngine));
  }

  /** Speaks the prompt, then reads digits; `then` gets them ('' when none came). */
  private async ask(prompt: string, input: { min: number; max: number; terminators: string }, then: (digits: string) => Promise<void>): Promise<void> {
    await this.say(prompt);
    const variable = `vm_input_${++this.asked}`;
    const arg = `${input.min} ${input.max} 1 ${INPUT_TIMEOUT_MS} ${input.terminators} silence silence ${variable} ^[0-9*#]+$`;
    await this.run.execute('play_and_get_digits', arg, {
      onComplete: async (event: ChannelEvent) => {
        if (this.run.active) await then(event.variable(variable) ?? '');
      },
    });
  }
}
