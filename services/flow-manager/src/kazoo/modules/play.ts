import { requiredString } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** `play`: plays a media file (`data.id`, a media id or a URL). */
export const play: ModuleCompiler = {
  routesChildren: false,
  compile: (context: ModuleContext) => context.emit('play', { stream_urls: [requiredString(context, 'id')] }),
};
