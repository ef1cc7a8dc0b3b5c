import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import { temporalMatch, temporalRulesUpdate } from './temporal.js';

describe('temporal actions', () => {
  it('temporal_match jumps to the target of the holding rule, else to the default', async () => {
    const run = async (key: string | undefined) => {
      const fake = fakeContext('temporal_match', { rules: ['r1'], rule_set: 's', timezone: 'UTC', target_ids: { r1: 'open', rule_set: 'holiday' }, default_target_id: 'closed' }, {
        deps: { temporal: { firstHolding: async () => key, setEnabled: async () => 0 } },
      });
      await temporalMatch.run(fake.context);
      return fake.jumps;
    };
    expect(await run('r1')).toEqual([expect.objectContaining({ targetId: 'open' })]);
    expect(await run('rule_set')).toEqual([expect.objectContaining({ targetId: 'holiday' })]);
    expect(await run(undefined)).toEqual([expect.objectContaining({ targetId: 'closed' })]);
    expect(await run('toString')).toEqual([expect.objectContaining({ targetId: 'closed' })]);
  });

  it("temporal_match reads the rules in the option's timezone, else the account's, else UTC when the account's is unknown", async () => {
    const zoneOf = async (option: Record<string, unknown>, accountZone: string | undefined) => {
      let seen: string | undefined = 'never asked';
      const fake = fakeContext('temporal_match', { rules: ['r1'], target_ids: {}, default_target_id: 'closed', ...option }, {
        deps: {
          temporal: { firstHolding: async (_account, _routes, _at, timezone) => ((seen = timezone), undefined), setEnabled: async () => 0 },
          timezones: { timezone: async (account) => (account === 'acc-1' ? accountZone : undefined) },
        },
      });
      await temporalMatch.run(fake.context);
      return { seen, failures: fake.failures.map((failure) => failure.reason) };
    };
    expect(await zoneOf({ timezone: 'Asia/Tokyo' }, 'Europe/Paris')).toEqual({ seen: 'Asia/Tokyo', failures: [] });
    expect(await zoneOf({}, 'Europe/Paris')).toEqual({ seen: 'Europe/Paris', failures: [] });
    expect(await zoneOf({}, undefined)).toEqual({ seen: undefined, failures: [] });
    expect(await zoneOf({}, 'Mars/Olympus')).toEqual({ seen: undefined, failures: ['BAD_TIMEZONE'] });
  });

  it('temporal_rules_update forces on, off or back to the schedule', async () => {
    const seen: unknown[] = [];
    for (const action of ['enable', 'disable', 'reset'] as const) {
      const fake = fakeContext('temporal_rules_update', { action, rules: ['r1'] }, {
        deps: { temporal: { firstHolding: async () => undefined, setEnabled: async (account, routes, enabled) => (seen.push([account, routes, enabled]), 1) } },
      });
      await temporalRulesUpdate.run(fake.context);
    }
    expect(seen).toEqual([
      ['acc-1', { rules: ['r1'], rule_set: undefined }, true],
      ['acc-1', { rules: ['r1'], rule_set: undefined }, false],
      ['acc-1', { rules: ['r1'], rule_set: undefined }, undefined],
    ]);
  });
});
