import { flowManager } from '@voxmesh/contracts';
import { catalogData } from '../data.js';
import type { EmittedAction, ModuleCompiler, ModuleContext } from '../types.js';
import { ROUTE_FLOW_ID } from '../../actions/route_lookup.js';
import { DIGITS } from './collect_dtmf.js';

const SPECIAL = new Set(['_', 'timeout', 'max_retries', 'invalid']);
const DEFAULT_INTERDIGIT_MS = 2000;
/** What `true` plays where Kazoo plays its system prompts `menu-invalid_entry` and `menu-exit`. */
const DEFAULT_INVALID = 'That is not a valid choice.';
const DEFAULT_EXIT = 'Goodbye.';
/** What `true` plays where Kazoo plays `menu-transferring_call`. */
const DEFAULT_TRANSFER = 'Please hold while your call is transferred.';

type Prompt = string | { tts: { text: string; voice?: string | null | undefined; language?: string | null | undefined } };

/** The action that plays a prompt: a media id or URL, or an inline TTS document. */
function playPrompt(context: ModuleContext, prompt: Prompt): EmittedAction {
  if (typeof prompt === 'string') return context.emit('play', { stream_urls: [prompt] });
  const option: Record<string, unknown> = { text: prompt.tts.text };
  if (prompt.tts.voice) option.gender = prompt.tts.voice;
  if (prompt.tts.language) option.language = prompt.tts.language;
  return context.emit('talk', option);
}

/** `true` is the default prompt, `false` none, anything else the prompt itself. */
function switchable(prompt: boolean | Prompt | null | undefined, fallback: string): Prompt | undefined {
  if (prompt === true) return { tts: { text: fallback } };
  if (prompt === false || prompt === null || prompt === undefined || prompt === '') return undefined;
  return prompt;
}

/**
 * `menu` (IVR): plays `media.greeting` (a media id or URL, or `{tts: {text, voice}}`),
 * collects up to `max_extension_length` digits (default 4), waiting `timeout` ms for
 * the first (default 10000) and `interdigit_timeout` ms for each next (default 2000),
 * and goes to the child with those digits. Anything else plays `media.invalid_media`
 * (`true`: a default prompt) and asks again, `retries` times in all (default 3); then
 * `media.exit_media` plays and the call goes to `max_retries`, else `timeout`, else `_`,
 * else the end. With `hunt` (the default, as Kazoo's), digits no child takes are
 * dialled as one of the account's numbers, when `hunt_allow` matches and `hunt_deny`
 * does not: `media.transfer_media` plays and the call goes on in that callflow, for good.
 */
export const menu: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = catalogData(context, flowManager.callflowModuleCatalog.menu.data);
    const retries = Number(data.retries ?? 3);
    const timeout = Number(data.timeout ?? 10_000);
    const length = Number(data.max_extension_length ?? 4);
    const interdigit = Number(data.interdigit_timeout ?? DEFAULT_INTERDIGIT_MS);
    const media = data.media ?? {};
    const greeting = media.greeting === '' || media.greeting === null ? undefined : media.greeting;
    const invalidMedia = switchable(media.invalid_media, DEFAULT_INVALID);
    const exitMedia = switchable(media.exit_media, DEFAULT_EXIT);
    const hunt = data.hunt !== false;

    const clear = context.emit('variable_set', { key: DIGITS, value: '' });
    let last = clear;
    if (greeting !== undefined) {
      const played = playPrompt(context, greeting);
      last.next_id = played.id;
      last = played;
    }
    const collect = context.emit('digits_receive', { duration: Math.min(timeout + interdigit * (length - 1), 3_600_000), length, key: '#' });
    last.next_id = collect.id;
    const targets: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const key of context.childKeys) if (!SPECIAL.has(key)) targets[key] = context.child(key)!;
    // A hunt still needs the digits after the branch has read them.
    const choose = context.emit('branch', { variable: DIGITS, target_ids: targets, ...(hunt ? { keep_variable: true } : {}) });
    collect.next_id = choose.id;
    let retry = choose;
    if (invalidMedia !== undefined) {
      const sorry = playPrompt(context, invalidMedia);
      choose.option.default_target_id = sorry.id;
      retry = sorry;
    }
    const again = context.emit('goto', { target_id: clear.id, loop_count: Math.max(0, retries - 1) });
    if (retry === choose) choose.option.default_target_id = again.id;
    else retry.next_id = again.id;
    if (hunt) {
      const invalid = choose.option.default_target_id as string;
      const lookup = context.emit('route_lookup', {
        number: `\${${DIGITS}}`,
        false_target_id: invalid,
        ...(data.hunt_allow ? { allow: data.hunt_allow } : {}),
        ...(data.hunt_deny ? { deny: data.hunt_deny } : {}),
      });
      choose.option.default_target_id = lookup.id;
      const transferMedia = switchable(media.transfer_media, DEFAULT_TRANSFER);
      let before = lookup;
      if (transferMedia !== undefined) {
        const transfer = playPrompt(context, transferMedia);
        lookup.next_id = transfer.id;
        before = transfer;
      }
      const branchInto = context.emit('fetch_flow', { flow_id: `\${${ROUTE_FLOW_ID}}` });
      before.next_id = branchInto.id;
      branchInto.next_id = context.emit('stop', {}).id;
    }
    const exit = context.child('max_retries') ?? context.child('timeout') ?? context.next();
    if (exitMedia === undefined) again.next_id = exit;
    else {
      const bye = playPrompt(context, exitMedia);
      again.next_id = bye.id;
      bye.next_id = exit;
    }
    return undefined;
  },
};
