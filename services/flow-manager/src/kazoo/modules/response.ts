import { optionalNumber, optionalString } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** Kazoo's default: the caller hears busy. */
const DEFAULT_CODE = 486;

/** `response`: the INVITE answered with `code` (486 by default) and `message`, after `media` as early media. */
export const response: ModuleCompiler = {
  routesChildren: false,
  compile(context: ModuleContext) {
    const option: Record<string, unknown> = { code: Math.round(optionalNumber(context, 'code', 100, 699) ?? DEFAULT_CODE) };
    const message = optionalString(context, 'message');
    if (message !== undefined) {
      if (/[\r\n]/.test(message)) context.invalid('message', 'must be one line');
      option.message = message;
    }
    const media = optionalString(context, 'media');
    if (media !== undefined) option.media = media;
    return context.emit('respond', option);
  },
};
