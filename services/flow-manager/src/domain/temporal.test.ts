import { describe, expect, it } from '@jest/globals';
import { EmbeddedDatabase, migrate } from '@voxmesh/store';
import { silentLogger } from '@voxmesh/telemetry';
import { DocumentRepository } from '../db/document-repository.js';
import { migrations } from '../migrations.js';
import { TemporalService } from './temporal.js';

describe('stored temporal rules', () => {
  it('routes to the first holding rule in Kazoo order, honours enable / disable / reset, and keeps accounts apart', async () => {
    const db = await EmbeddedDatabase.open();
    await migrate(db, 'flow-manager', migrations, silentLogger());
    const temporal = new TemporalService(new DocumentRepository(db));
    const weekdays = await temporal.create<{ name: string }>('acct', 'temporal_rules', { name: 'weekdays', cycle: 'weekly', wdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], time_window_start: 9 * 3600, time_window_stop: 17 * 3600 });
    const christmas = await temporal.create<{ name: string }>('acct', 'temporal_rules', { name: 'christmas', cycle: 'yearly', month: 12, days: [25] });
    const holidays = await temporal.create<{ name: string }>('acct', 'temporal_rules_sets', { name: 'holidays', temporal_rules: [christmas.id] });
    const routes = { rules: [weekdays.id], rule_set: holidays.id };
    // Christmas 2026 is a Friday: the weekday rule comes first in Kazoo's order.
    expect(await temporal.firstHolding('acct', routes, new Date('2026-12-25T10:00:00Z'))).toBe(weekdays.id);
    expect(await temporal.firstHolding('acct', routes, new Date('2026-12-25T20:00:00Z'))).toBe('rule_set');
    expect(await temporal.firstHolding('acct', routes, new Date('2026-12-24T20:00:00Z'))).toBeUndefined();
    // A set named among the rules is keyed by its own id.
    expect(await temporal.firstHolding('acct', { rules: [holidays.id] }, new Date('2026-12-25T20:00:00Z'))).toBe(holidays.id);
    expect(await temporal.firstHolding('other', routes, new Date('2026-12-25T20:00:00Z'))).toBeUndefined();

    expect(await temporal.setEnabled('acct', { rules: [], rule_set: holidays.id }, true)).toBe(1);
    expect(await temporal.get('acct', 'temporal_rules', christmas.id)).toMatchObject({ enabled: true });
    expect(await temporal.firstHolding('acct', routes, new Date('2026-12-24T20:00:00Z'))).toBe('rule_set');
    await temporal.setEnabled('acct', { rules: [holidays.id] }, undefined);
    expect(await temporal.get('acct', 'temporal_rules', christmas.id)).not.toHaveProperty('enabled');
    await expect(temporal.get('other', 'temporal_rules', christmas.id)).rejects.toMatchObject({ status: 'NOT_FOUND' });
    await db.close();
  });
});
