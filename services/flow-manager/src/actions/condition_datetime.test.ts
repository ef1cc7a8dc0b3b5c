import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import { conditionDatetime } from './condition_datetime.js';

/** A Wednesday, 10:15 UTC. */
const now = () => new Date('2026-01-07T10:15:00Z');

async function jumped(option: Record<string, unknown>): Promise<boolean> {
  const run = fakeContext('condition_datetime', { false_target_id: 'closed', ...option }, { deps: { now } });
  await conditionDatetime.run(run.context);
  return run.jumps.length > 0;
}

describe('condition_datetime', () => {
  it('compares hour and minute as one time, in the zone given', async () => {
    expect(await jumped({ condition: '>=', hour: 9, minute: 30 })).toBe(false);
    expect(await jumped({ condition: '>=', hour: 10, minute: 30 })).toBe(true);
    expect(await jumped({ condition: '>=', hour: 9, minute: 30, timezone: 'America/New_York' })).toBe(true);
  });

  it('holds only on the weekdays given', async () => {
    expect(await jumped({ condition: '==', weekdays: [3] })).toBe(false);
    expect(await jumped({ condition: '==', weekdays: [0, 6] })).toBe(true);
  });
});
