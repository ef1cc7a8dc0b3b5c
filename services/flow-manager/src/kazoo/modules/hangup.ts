import type { ModuleCompiler, ModuleContext } from '../types.js';

/** `hangup`: hangs the call up. */
export const hangup: ModuleCompiler = {
  routesChildren: false,
  compile: (context: ModuleContext) => context.emit('hangup', {}),
};
