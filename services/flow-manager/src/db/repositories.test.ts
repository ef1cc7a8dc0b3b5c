import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EmbeddedDatabase, MysqlDatabase, isDuplicateKey, migrate, type SqlDatabase } from '@voxmesh/store';
import { silentLogger } from '@voxmesh/telemetry';
import { MAIN_STACK_ID, START_ACTION_ID } from '../contract.js';
import type { ActiveflowState, FlowRecord } from '../domain/model.js';
import { migrations } from '../migrations.js';
import { ActiveflowRepository } from './activeflow-repository.js';
import { ActiveflowWriter } from './activeflow-writer.js';
import { FlowRepository } from './flow-repository.js';

const mysqlUrl = new URL(process.env.TEST_MYSQL_DSN ?? 'mysql://root:@127.0.0.1:3306/unused');

function flow(id: string, tm: string, extra: Partial<FlowRecord> = {}): FlowRecord {
  return {
    id,
    account_id: 'acc',
    type: 'flow',
    name: id,
    detail: '',
    persist: true,
    webhook_uri: '',
    on_complete_flow_id: '',
    actions: [{ id: 'a', type: 'talk', option: { text: 'ünïcode ☎' } }],
    numbers: [],
    patterns: [],
    tm_create: tm,
    tm_update: null,
    tm_delete: null,
    ...extra,
  };
}

/** The same SQL on both databases the service runs on. */
describe.each([['embedded SQLite'], ['MySQL']])('repositories on %s', (label) => {
  let db: SqlDatabase;
  const database = `test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

  beforeAll(async () => {
    db =
      label === 'MySQL'
        ? await MysqlDatabase.open({ host: mysqlUrl.hostname, port: Number(mysqlUrl.port || 3306), user: decodeURIComponent(mysqlUrl.username), password: decodeURIComponent(mysqlUrl.password), database })
        : await EmbeddedDatabase.open();
    expect(await migrate(db, 'flow-manager', migrations, silentLogger())).toBe(migrations.length);
    expect(await migrate(db, 'flow-manager', migrations, silentLogger())).toBe(0);
  });

  afterAll(async () => {
    if (label === 'MySQL') await db.execute(`DROP DATABASE IF EXISTS \`${database}\``);
    await db.close();
  });

  it('stores flows with their numbers, one flow per number, and frees them on delete', async () => {
    const flows = new FlowRepository(db);
    await flows.insert(flow('f1', '2024-01-01T00:00:00.000Z', { numbers: ['+1555'], patterns: ['^9(\\d+)$'] }));
    expect(await flows.get('f1')).toEqual(flow('f1', '2024-01-01T00:00:00.000Z', { numbers: ['+1555'], patterns: ['^9(\\d+)$'] }));
    const clash = await flows.insert(flow('f2', '2024-01-01T00:00:01.000Z', { numbers: ['+1555'] })).catch((error: unknown) => error);
    expect(isDuplicateKey(clash)).toBe(true);
    expect(await flows.get('f2')).toBeUndefined();
    expect(await flows.flowForNumber('+1555')).toBe('f1');
    expect(await flows.allPatterns()).toEqual([{ pattern: '^9(\\d+)$', flow_id: 'f1' }]);
    await flows.softDelete('f1', '2024-01-02T00:00:00.000Z');
    expect(await flows.flowForNumber('+1555')).toBeUndefined();
    expect((await flows.get('f1'))!.tm_delete).toBe('2024-01-02T00:00:00.000Z');
  });

  it('moves the pattern generation with every change to the patterns, and only then', async () => {
    const flows = new FlowRepository(db);
    const start = await flows.patternGeneration();
    await flows.insert(flow('g1', '2024-03-01T00:00:00.000Z'));
    expect(await flows.patternGeneration()).toBe(start);
    await flows.insert(flow('g2', '2024-03-01T00:00:00.000Z', { patterns: ['^7(\\d+)$'] }));
    const added = await flows.patternGeneration();
    expect(added).toBeGreaterThan(start);
    await flows.update(flow('g1', '2024-03-01T00:00:00.000Z', { name: 'renamed' }));
    expect(await flows.patternGeneration()).toBe(added);
    await flows.update(flow('g2', '2024-03-01T00:00:00.000Z', { patterns: [] }));
    const removed = await flows.patternGeneration();
    expect(removed).toBeGreaterThan(added);
    await flows.update(flow('g2', '2024-03-01T00:00:00.000Z', { patterns: ['^8'] }));
    await flows.softDelete('g2', '2024-03-02T00:00:00.000Z');
    expect(await flows.patternGeneration()).toBeGreaterThan(removed + 1);
    expect(await flows.allPatterns()).not.toContainEqual(expect.objectContaining({ flow_id: 'g2' }));
  });

  it('pages newest first without losing rows made in the same millisecond', async () => {
    const flows = new FlowRepository(db);
    for (const id of ['p1', 'p2', 'p3', 'p4', 'p5']) await flows.insert(flow(id, '2024-02-01T00:00:00.000Z', { account_id: 'pager' }));
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await flows.list({ account_id: 'pager' }, { size: 2, token });
      seen.push(...page.result.map((item) => item.id));
      token = page.next_page_token || undefined;
    } while (token);
    expect(seen).toEqual(['p5', 'p4', 'p3', 'p2', 'p1']);
    expect(await flows.countForAccount('pager')).toBe(5);
  });

  it('writes an activeflow only over the version it read', async () => {
    const repository = new ActiveflowRepository(db);
    const state: ActiveflowState = {
      id: 'af1',
      account_id: 'acc',
      flow_id: 'f1',
      status: 'running',
      end_reason: '',
      reference_type: 'call',
      reference_id: 'c1',
      reference_activeflow_id: '',
      on_complete_flow_id: '',
      webhook_uri: '',
      stack_map: { [MAIN_STACK_ID]: { id: MAIN_STACK_ID, actions: [], return_stack_id: '', return_action_id: '' } },
      current_stack_id: MAIN_STACK_ID,
      current_action: { id: START_ACTION_ID, type: 'start', option: {} },
      forward_stack_id: '',
      forward_action_id: '',
      execute_count: 0,
      complete_count: 0,
      variables: { a: 'b' },
      errors: [],
      version: 1,
      tm_create: '2024-01-01T00:00:00.000Z',
      tm_update: null,
      tm_end: null,
      tm_delete: null,
    };
    await repository.insert(state);
    expect(await repository.get('af1')).toEqual(state);
    const next = { ...state, execute_count: 1, version: 2 };
    expect(await repository.update(next, 1)).toBe(true);
    expect(await repository.update({ ...state, execute_count: 9, version: 2 }, 1)).toBe(false);
    expect((await repository.get('af1'))!.execute_count).toBe(1);
    expect(await repository.countRunning()).toBe(1);
    expect((await repository.list({ reference_id: 'c1' }, { size: 10, token: undefined })).result).toHaveLength(1);

    // Several steps in one statement, each over its own version; a stale one is refused alone.
    for (const id of ['af2', 'af3']) await repository.insert({ ...state, id });
    const written = await repository.updateMany([
      { state: { ...state, id: 'af1', execute_count: 2, version: 3 }, expectedVersion: 2 },
      { state: { ...state, id: 'af2', execute_count: 5, version: 2 }, expectedVersion: 1 },
      { state: { ...state, id: 'af3', execute_count: 7, version: 9 }, expectedVersion: 8 },
    ]);
    expect(written).toEqual([true, true, false]);
    expect((await repository.get('af1'))!).toMatchObject({ execute_count: 2, version: 3 });
    expect((await repository.get('af2'))!).toMatchObject({ execute_count: 5, version: 2 });
    expect((await repository.get('af3'))!).toMatchObject({ execute_count: 0, version: 1 });
    const all = await repository.updateMany([
      { state: { ...state, id: 'af2', status: 'ended', tm_end: '2024-01-03T00:00:00.000Z', version: 3 }, expectedVersion: 2 },
      { state: { ...state, id: 'af3', version: 2 }, expectedVersion: 1 },
    ]);
    expect(all).toEqual([true, true]);
    expect((await repository.get('af2'))!).toMatchObject({ status: 'ended', tm_end: '2024-01-03T00:00:00.000Z' });

    // Plain steps (state and version only), three rows sent as four: the stale one is
    // refused alone, and the columns beside the state stay as they were.
    const plain = await repository.updateMany([
      { state: { ...state, id: 'af1', execute_count: 11, version: 4 }, expectedVersion: 3, columnsUnchanged: true },
      { state: { ...state, id: 'af2', status: 'ended', tm_end: '2024-01-03T00:00:00.000Z', execute_count: 12, version: 4 }, expectedVersion: 3, columnsUnchanged: true },
      { state: { ...state, id: 'af3', execute_count: 13, version: 9 }, expectedVersion: 8, columnsUnchanged: true },
    ]);
    expect(plain).toEqual([true, true, false]);
    expect((await repository.get('af1'))!).toMatchObject({ execute_count: 11, version: 4, status: 'running' });
    expect((await repository.get('af2'))!).toMatchObject({ execute_count: 12, version: 4, status: 'ended', tm_end: '2024-01-03T00:00:00.000Z' });
    expect((await repository.get('af3'))!).toMatchObject({ execute_count: 0, version: 2 });
    expect(await repository.updateMany([{ state: { ...state, id: 'af3', execute_count: 14, version: 3 }, expectedVersion: 2, columnsUnchanged: true }])).toEqual([true]);
    expect((await repository.get('af3'))!).toMatchObject({ execute_count: 14, version: 3 });
  });

  it('groups writes that arrive while the database is busy into one statement', async () => {
    const repository = new ActiveflowRepository(db);
    const batches: number[] = [];
    const counting = Object.create(repository) as ActiveflowRepository;
    counting.updateMany = async (writes) => {
      batches.push(writes.length);
      return repository.updateMany(writes);
    };
    const writer = new ActiveflowWriter(counting, { maxBatch: 64, maxInFlight: 1 });
    const base = (await repository.get('af1'))!;
    const ids = Array.from({ length: 10 }, (_, index) => `w${index}`);
    for (const id of ids) await repository.insert({ ...base, id, version: 1 });
    const results = await Promise.all(ids.map((id) => writer.write({ ...base, id, version: 2, execute_count: 42 }, 1)));
    expect(results.every(Boolean)).toBe(true);
    expect(batches[0]).toBe(1);
    expect(batches.slice(1).reduce((sum, size) => sum + size, 0)).toBe(9);
    expect(batches.length).toBeLessThan(10);
    for (const id of ids) expect((await repository.get(id))!.execute_count).toBe(42);
  });
});
