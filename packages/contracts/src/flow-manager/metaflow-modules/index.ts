import { metaflowModuleCatalog } from './catalog.js';

export { metaflowModuleCatalog } from './catalog.js';
export type { MetaflowModuleEntry, MetaflowModuleExample } from './define.js';

/** A Kazoo konami module. */
export type MetaflowModule = keyof typeof metaflowModuleCatalog;
export const metaflowModules = Object.keys(metaflowModuleCatalog) as readonly MetaflowModule[];

const knownModules = new Set<string>(metaflowModules);

export function isMetaflowModule(value: unknown): value is MetaflowModule {
  return typeof value === 'string' && knownModules.has(value);
}
