import type { flowActionHandlers } from './index.js';
import type { ActionHandler, FlowActionHandlers } from './types.js';

/**
 * Build-time proof that the handler table follows the catalog: `tsc -b` checks this
 * file, and a `@ts-expect-error` whose error stops happening fails the build. Never
 * called; it exists to be compiled.
 */
export function handlerTableChecks(table: typeof flowActionHandlers, play: ActionHandler<'play'>): void {
  table satisfies FlowActionHandlers;

  const { goto: _goto, ...withoutGoto } = table;
  // @ts-expect-error a flow-level type (goto) without its handler does not build
  withoutGoto satisfies FlowActionHandlers;

  // @ts-expect-error a handler for a media type (play) has no place in flow-manager's table
  ({ ...table, play }) satisfies FlowActionHandlers;
}
