import { callflowModuleCatalog } from './catalog.js';

export { callflowModuleCatalog } from './catalog.js';
export type { ModuleEntry, ModuleExample } from './define.js';

/** A Kazoo callflow module this platform compiles. */
export type CallflowModule = keyof typeof callflowModuleCatalog;
export const callflowModules = Object.keys(callflowModuleCatalog) as readonly CallflowModule[];

const knownModules = new Set<string>(callflowModules);

export function isCallflowModule(value: unknown): value is CallflowModule {
  return typeof value === 'string' && knownModules.has(value);
}
