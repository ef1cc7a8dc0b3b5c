import type { mediaActionHandlers } from './index.js';
import type { ActionHandler, MediaActionHandlers } from './types.js';

/**
 * Build-time proof that the handler table follows the catalog: `tsc -b` checks this
 * file, and a `@ts-expect-error` whose error stops happening fails the build. Never
 * called; it exists to be compiled.
 */
export function handlerTableChecks(table: typeof mediaActionHandlers, goto: ActionHandler<'goto'>): void {
  table satisfies MediaActionHandlers;

  const { play: _play, ...withoutPlay } = table;
  // @ts-expect-error a media type (play) without its handler does not build
  withoutPlay satisfies MediaActionHandlers;

  // @ts-expect-error a handler for a flow-level type (goto) has no place in call-manager's table
  ({ ...table, goto }) satisfies MediaActionHandlers;
}
