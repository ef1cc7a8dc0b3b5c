import { CONTINUE, type ActionContext, type ActionHandler, type ActionOutcome } from './types.js';

/**
 * `fetch_flow`: runs another flow's actions, then continues after this action. A flow
 * that is missing, deleted or another account's is skipped and the miss recorded.
 */
export const fetchFlow: ActionHandler<'fetch_flow'> = { run: runFetchFlow };

/** `patch_flow`: the seed's name of `fetch_flow`. */
export const patchFlow: ActionHandler<'patch_flow'> = { run: runFetchFlow };

export async function runFetchFlow(context: ActionContext<'fetch_flow'> | ActionContext<'patch_flow'>): Promise<ActionOutcome> {
  const flowId = context.action.option.flow_id;
  const flow = await context.deps.flows.findRunnable(flowId);
  const account = context.state.account_id;
  if (!flow || (account !== '' && flow.account_id !== '' && flow.account_id !== account)) {
    context.fail('FLOW_NOT_FOUND', `fetch_flow: no flow ${flowId}`);
    return CONTINUE;
  }
  context.push(flow.actions, 'option.flow_id');
  return CONTINUE;
}
