import { optionalString, requiredString } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** `say`: reads `data.say` out (a number, digits or letters) in `language`. */
export const say: ModuleCompiler = {
  routesChildren: false,
  compile(context: ModuleContext) {
    const text = requiredString(context, 'say');
    const method = optionalString(context, 'method');
    // Spelled out one character at a time, a number or a word is read as the caller dialled it.
    const spoken = method === 'pronounced' ? text : text.split('').join(' ');
    const option: Record<string, unknown> = { text: spoken };
    const language = optionalString(context, 'language');
    if (language !== undefined) option.language = language;
    return context.emit('talk', option);
  },
};
