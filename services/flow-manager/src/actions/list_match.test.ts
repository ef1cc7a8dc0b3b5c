import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import { listMatch } from './list_match.js';

describe('list_match', () => {
  it("asks the account's list about the number: on it falls through, off it jumps", async () => {
    const asked: string[][] = [];
    const run = (onList: boolean) => {
      const fake = fakeContext('list_match', { list_id: 'vip', number: '+15551234', false_target_id: 'no' }, {
        deps: { lists: { matches: async (account, list, number) => (asked.push([account, list, number]), onList) } },
      });
      return listMatch.run(fake.context).then(() => fake.jumps.length);
    };
    expect(await run(true)).toBe(0);
    expect(await run(false)).toBe(1);
    expect(asked[0]).toEqual(['acc-1', 'vip', '+15551234']);
  });
});
