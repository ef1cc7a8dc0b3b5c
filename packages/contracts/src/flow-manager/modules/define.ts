import type { z } from 'zod';
import type { CallflowNode } from '../flow.js';

/** A node of a module as a callflow may write it, for the catalog's examples. */
export interface ModuleExample<S extends z.ZodType> {
  readonly data: z.input<S>;
  readonly children?: Record<string, CallflowNode>;
}

/**
 * One Kazoo callflow module (`{module, data, children}`): its data as Kazoo's
 * `callflows.<module>` schema writes it (the fields this platform reads), what it does,
 * and examples. flow-manager compiles it into actions, one compiler per entry.
 */
export interface ModuleEntry<M extends string = string, S extends z.ZodType = z.ZodType> {
  readonly module: M;
  /** One line, for documents. */
  readonly description: string;
  readonly data: S;
  /** A catalog test validates each one and flow-manager's compiles each one. */
  readonly examples: readonly [ModuleExample<S>, ...ModuleExample<S>[]];
}

export function defineModule<const M extends string, S extends z.ZodType>(entry: ModuleEntry<M, S>): ModuleEntry<M, S> {
  return entry;
}
