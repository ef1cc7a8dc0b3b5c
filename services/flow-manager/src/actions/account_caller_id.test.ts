import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import { accountCallerId } from './account_caller_id.js';
import type { AccountCallerIds } from './types.js';

const accounts: AccountCallerIds = {
  callerId: async (account) => {
    if (account === 'broken') throw new Error('customer-manager did not answer');
    return account === 'none' ? undefined : { external: { name: 'Acme Sales', number: '+15550100' }, emergency: { number: '+15550911' } };
  },
};

async function present(option: Record<string, unknown>, accountId = 'acct') {
  const run = fakeContext('account_caller_id', option, { deps: { callerIds: accounts }, state: { account_id: accountId } });
  await accountCallerId.run(run.context);
  const v = run.variables;
  return { result: v['voipbin.account_caller_id.result'], name: v['voipbin.call.caller_id_name'], number: v['voipbin.call.caller_id_number'], failures: run.failures.length };
}

describe('account_caller_id', () => {
  it("presents the account's external caller id by default, another kind when asked", async () => {
    expect(await present({})).toEqual({ result: 'found', name: 'Acme Sales', number: '+15550100', failures: 0 });
    expect(await present({ kind: 'emergency' })).toEqual({ result: 'found', name: undefined, number: '+15550911', failures: 0 });
  });

  it('keeps the caller id when the account keeps none of that kind', async () => {
    expect(await present({ kind: 'internal' })).toEqual({ result: 'none', name: undefined, number: undefined, failures: 0 });
    expect(await present({}, 'none')).toEqual({ result: 'none', name: undefined, number: undefined, failures: 0 });
  });

  it('records a failure and goes on when the account cannot be read', async () => {
    expect(await present({}, 'broken')).toEqual({ result: 'failed', name: undefined, number: undefined, failures: 1 });
  });
});
