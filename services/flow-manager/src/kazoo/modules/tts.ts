import { optionalString, requiredString } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** `tts`: speaks `data.text` with `voice` (female/male) and `language`. */
export const tts: ModuleCompiler = {
  routesChildren: false,
  compile(context: ModuleContext) {
    const option: Record<string, unknown> = { text: requiredString(context, 'text') };
    const language = optionalString(context, 'language');
    const voice = optionalString(context, 'voice');
    if (language !== undefined) option.language = language;
    if (voice !== undefined) option.gender = voice;
    return context.emit('talk', option);
  },
};
