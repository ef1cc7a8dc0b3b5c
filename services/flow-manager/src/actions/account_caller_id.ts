import { VoipError } from '@voxmesh/wire';
import { CALLER_ID_NAME, CALLER_ID_NUMBER } from '../domain/caller-id.js';
import { CONTINUE, type ActionHandler } from './types.js';

export const ACCOUNT_CALLER_ID_RESULT = 'voipbin.account_caller_id.result';

/**
 * `account_caller_id`: the halves the account keeps replace the call's, as cf_disa's
 * set_caller_id does with the account's external caller id; the rest stays.
 */
export const accountCallerId: ActionHandler<'account_caller_id'> = {
  async run(context) {
    const kind = context.action.option.kind ?? 'external';
    let result: 'found' | 'none' | 'failed' = 'none';
    try {
      const kept = (await context.deps.callerIds.callerId(context.state.account_id, context.deps.settings.remoteTimeoutMs))?.[kind];
      if (kept?.name) context.setVariable(CALLER_ID_NAME, kept.name);
      if (kept?.number) context.setVariable(CALLER_ID_NUMBER, kept.number);
      if (kept?.name || kept?.number) result = 'found';
    } catch (error) {
      result = 'failed';
      context.fail('ACCOUNT_CALLER_ID_FAILED', `account_caller_id: ${error instanceof VoipError ? error.message : String(error)}`);
    }
    context.setVariable(ACCOUNT_CALLER_ID_RESULT, result);
    return CONTINUE;
  },
};
