import type { ModuleCompiler, ModuleContext } from '../types.js';

/** `answer`: answers the call. */
export const answer: ModuleCompiler = {
  routesChildren: false,
  compile: (context: ModuleContext) => context.emit('answer', {}),
};
