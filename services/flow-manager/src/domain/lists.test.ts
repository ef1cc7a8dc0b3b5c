import { describe, expect, it } from '@jest/globals';
import { EmbeddedDatabase, migrate } from '@voxmesh/store';
import { silentLogger } from '@voxmesh/telemetry';
import { ListRepository } from '../db/list-repository.js';
import { migrations } from '../migrations.js';
import { ListService, numberPrefixes } from './lists.js';

describe('caller-id match lists', () => {
  it("builds a number's prefixes with and without the +", () => {
    expect(numberPrefixes('+123')).toEqual(['123', '+123', '12', '+12', '1', '+1']);
  });

  it('matches a caller by an entry number that is a prefix, or by a pattern, within the account only', async () => {
    const db = await EmbeddedDatabase.open();
    await migrate(db, 'flow-manager', migrations, silentLogger());
    const lists = new ListService(new ListRepository(db));
    const list = await lists.create('acct-a', { name: 'vip' });
    await lists.addEntry('acct-a', list.id, { number: '+1415' });
    await lists.addEntry('acct-a', list.id, { pattern: '^\\+44' });
    expect(await lists.matches('acct-a', list.id, '+14155550123')).toBe(true);
    expect(await lists.matches('acct-a', list.id, '+442071234567')).toBe(true);
    expect(await lists.matches('acct-a', list.id, '+12125550000')).toBe(false);
    expect(await lists.matches('acct-b', list.id, '+14155550123')).toBe(false);
    expect(await lists.matches('acct-a', 'no-such-list', '+14155550123')).toBe(false);
    await expect(lists.get('acct-b', list.id)).rejects.toMatchObject({ status: 'NOT_FOUND' });
    await db.close();
  });
});
