import { objectField, optionalNumber } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';
import { DIGITS } from './collect_dtmf.js';

const SPECIAL = new Set(['_', 'timeout', 'max_retries', 'invalid']);

/**
 * `menu` (IVR): plays `media.greeting`, collects up to `max_extension_length` digits
 * (default 4) within `timeout` ms (default 10000) and goes to the child with those
 * digits. Anything else plays `media.invalid_media` and asks again, `retries` times in
 * all (default 3); then the `max_retries` child, else `timeout`, else `_`, else the end.
 */
export const menu: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const retries = optionalNumber(context, 'retries', 1, 100) ?? 3;
    const timeout = optionalNumber(context, 'timeout', 1, 3_600_000) ?? 10_000;
    const length = optionalNumber(context, 'max_extension_length', 1, 128) ?? 4;
    const media = objectField(context, 'media');
    const greeting = typeof media.greeting === 'string' && media.greeting !== '' ? media.greeting : undefined;
    const invalidMedia = typeof media.invalid_media === 'string' && media.invalid_media !== '' ? media.invalid_media : undefined;

    const clear = context.emit('variable_set', { key: DIGITS, value: '' });
    let last = clear;
    if (greeting !== undefined) {
      const prompt = context.emit('play', { stream_urls: [greeting] });
      last.next_id = prompt.id;
      last = prompt;
    }
    const collect = context.emit('digits_receive', { duration: Math.round(timeout), length: Math.round(length), key: '#' });
    last.next_id = collect.id;
    const targets: Record<string, string> = {};
    for (const key of context.childKeys) if (!SPECIAL.has(key)) targets[key] = context.child(key)!;
    const choose = context.emit('branch', { variable: DIGITS, target_ids: targets });
    collect.next_id = choose.id;
    let retry = choose;
    if (invalidMedia !== undefined) {
      const sorry = context.emit('play', { stream_urls: [invalidMedia] });
      choose.option.default_target_id = sorry.id;
      retry = sorry;
    }
    const again = context.emit('goto', { target_id: clear.id, loop_count: Math.max(0, Math.round(retries) - 1) });
    if (retry === choose) choose.option.default_target_id = again.id;
    else retry.next_id = again.id;
    again.next_id = context.child('max_retries') ?? context.child('timeout') ?? context.next();
    return undefined;
  },
};
