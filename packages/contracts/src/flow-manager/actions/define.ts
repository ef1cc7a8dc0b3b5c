import type { z } from 'zod';

/**
 * Where an action runs: `flow` actions are run by flow-manager inside `next`; `media`
 * actions are handed to the media layer (call-manager), which runs them on the call.
 */
export type RunsOn = 'flow' | 'media';

/**
 * One action type of the catalog: everything the platform knows about it outside the
 * code that runs it. `actionTypes`, the subsets each service runs and the option
 * schemas are all derived from these entries.
 */
export interface ActionEntry<T extends string = string, R extends RunsOn = RunsOn, S extends z.ZodType = z.ZodType> {
  readonly type: T;
  readonly runsOn: R;
  /** One line, for documents and error messages. */
  readonly description: string;
  readonly option: S;
  /** Options as a flow may write them; a catalog test validates each one. */
  readonly examples: readonly [z.input<S>, ...z.input<S>[]];
}

/** Declares a catalog entry, keeping its literal type and run side for the derived unions. */
export function defineAction<const T extends string, const R extends RunsOn, S extends z.ZodType>(entry: ActionEntry<T, R, S>): ActionEntry<T, R, S> {
  return entry;
}
