import type { z } from 'zod';

/** A node of a konami module as a metaflows document may write it, for the catalog's examples. */
export interface MetaflowModuleExample<S extends z.ZodType> {
  readonly data: z.input<S>;
}

/**
 * One Kazoo konami (metaflow) module: its data as Kazoo's konami docs write it, what it
 * does, and examples. call-manager runs it on a live call, one handler per entry.
 * Kazoo adds `collected`, `captures` (ours also `captured`) and `dtmf_leg` to the data
 * at run time, so each schema lets unknown keys through.
 */
export interface MetaflowModuleEntry<M extends string = string, S extends z.ZodType = z.ZodType> {
  readonly module: M;
  /** One line, for documents. */
  readonly description: string;
  readonly data: S;
  /** A catalog test validates each one. */
  readonly examples: readonly [MetaflowModuleExample<S>, ...MetaflowModuleExample<S>[]];
}

export function defineMetaflowModule<const M extends string, S extends z.ZodType>(entry: MetaflowModuleEntry<M, S>): MetaflowModuleEntry<M, S> {
  return entry;
}
