import type { ActionHandler } from './types.js';

/**
 * `confbridge_join`: into the confbridge (connect's, or a conference); done when the
 * confbridge lets the call go (the other leg left, nobody answered) or it leaves the
 * conference.
 */
export const confbridgeJoin: ActionHandler<'confbridge_join'> = {
  manual: true,
  async start(run) {
    const session = run.deps.registry.get(run.live.call.id);
    if (!session) return;
    await run.deps.confbridges.join(run, session);
  },
  async onAppComplete(run) {
    const session = run.deps.registry.get(run.live.call.id);
    if (session) run.deps.confbridges.left(session);
    await run.complete();
  },
};
