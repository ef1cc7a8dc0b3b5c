import { randomUUID } from 'node:crypto';
import { cell, equalities, fieldColumns, pageClause, pageOf, RowMapping, type Page, type SqlDatabase, type SqlParam } from '@voxmesh/store';
import type { ActiveflowState } from '../domain/model.js';

export interface ActiveflowFilters {
  account_id?: string | undefined;
  flow_id?: string | undefined;
  reference_type?: string | undefined;
  reference_id?: string | undefined;
  status?: 'running' | 'ended' | undefined;
  deleted?: boolean | undefined;
}

/**
 * The JSON column holds the whole state, the same text as the Redis copy, so a step
 * serializes it once; the columns beside it are what lists filter on, and they win
 * when a row is read back.
 */
export function serializeState(state: ActiveflowState): string {
  return JSON.stringify(state);
}

/** One versioned write; `serialized` is the state's JSON when the caller has it already. */
export interface ActiveflowWrite {
  state: ActiveflowState;
  expectedVersion: number;
  serialized?: string | undefined;
  /**
   * True when status, flow_id and the times are what the row held at `expectedVersion`
   * (a plain step): only the state and the version are written then.
   */
  columnsUnchanged?: boolean | undefined;
}

/** A state as stored: the state, and its JSON as the row keeps it. */
interface StoredActiveflow {
  state: ActiveflowState;
  serialized: string;
}

const stateColumns = (names: (keyof ActiveflowState & string)[]) => fieldColumns<StoredActiveflow, ActiveflowState>(names, (stored) => stored.state);

const activeflowRows = new RowMapping<StoredActiveflow>({
  table: 'flow_activeflows',
  columns: [
    ...stateColumns(['id', 'account_id', 'flow_id', 'status', 'reference_type', 'reference_id', 'reference_activeflow_id', 'version']),
    { name: 'state', value: (stored) => stored.serialized },
    ...stateColumns(['tm_create', 'tm_update', 'tm_end', 'tm_delete']),
  ],
  fromRow: (row) => {
    const serialized = cell.text(row.state);
    const state: ActiveflowState = {
      ...cell.json<ActiveflowState>(serialized),
      id: cell.text(row.id),
      account_id: cell.text(row.account_id),
      flow_id: cell.text(row.flow_id),
      status: row.status === 'ended' ? 'ended' : 'running',
      reference_type: cell.text(row.reference_type),
      reference_id: cell.text(row.reference_id),
      reference_activeflow_id: cell.text(row.reference_activeflow_id),
      version: cell.int(row.version),
      tm_create: cell.text(row.tm_create),
      tm_update: cell.nullableText(row.tm_update),
      tm_end: cell.nullableText(row.tm_end),
      tm_delete: cell.nullableText(row.tm_delete),
    };
    return { state, serialized };
  },
});

const INSERT = activeflowRows.insertSql();

/** Activeflows in MySQL (or the embedded database): the source of truth for their state. */
export class ActiveflowRepository {
  constructor(private readonly db: SqlDatabase) {}

  async insert(state: ActiveflowState, serialized = serializeState(state)): Promise<void> {
    await this.hot(INSERT, activeflowRows.values({ state, serialized }));
  }

  /**
   * Writes `state` if the stored version is still `expectedVersion`; false when another
   * writer got there first (the caller reloads and decides again).
   */
  async update(state: ActiveflowState, expectedVersion: number, serialized = serializeState(state), columnsUnchanged = false): Promise<boolean> {
    if (columnsUnchanged) {
      const { affectedRows } = await this.hot("UPDATE flow_activeflows SET version = ?, state = ?, write_token = '' WHERE id = ? AND version = ?", [
        state.version,
        serialized,
        state.id,
        expectedVersion,
      ]);
      return affectedRows === 1;
    }
    const { affectedRows } = await this.hot(
      "UPDATE flow_activeflows SET status = ?, flow_id = ?, version = ?, state = ?, tm_update = ?, tm_end = ?, tm_delete = ?, write_token = '' WHERE id = ? AND version = ?",
      [state.status, state.flow_id, state.version, serialized, state.tm_update, state.tm_end, state.tm_delete, state.id, expectedVersion],
    );
    return affectedRows === 1;
  }

  /**
   * Several versioned writes in one statement (one commit instead of one each, which is
   * what bounds a busy MySQL). Each row is written only over the version it expects;
   * the batch's token, written with every row, tells which rows made it when some did not.
   * The ids must be distinct.
   */
  async updateMany(writes: ActiveflowWrite[]): Promise<boolean[]> {
    if (writes.length === 1) {
      const [only] = writes;
      return [await this.update(only!.state, only!.expectedVersion, only!.serialized, only!.columnsUnchanged === true)];
    }
    const token = randomUUID();
    // The version a row gets is always the one it was read at plus one (the WHERE holds
    // it to that), so it needs no parameter of its own when every write follows that rule.
    const nextVersions = writes.every(({ state, expectedVersion }) => state.version === expectedVersion + 1);
    if (nextVersions && writes.every((write) => write.columnsUnchanged === true)) return this.updatePlain(writes, token);
    const params: SqlParam[] = [];
    // A column is written only for the rows whose value may have moved; a plain step
    // changes the state document and the version alone, which keeps the statement short.
    const column = (name: string, value: (write: ActiveflowWrite) => SqlParam, always: boolean) => {
      let clause = '';
      for (const write of writes) {
        if (!always && write.columnsUnchanged === true) continue;
        clause += ' WHEN ? THEN ?';
        params.push(write.state.id, value(write));
      }
      if (clause === '') return undefined;
      return always ? `${name} = CASE id${clause} END` : `${name} = CASE id${clause} ELSE ${name} END`;
    };
    const sets = [
      column('status', ({ state }) => state.status, false),
      column('flow_id', ({ state }) => state.flow_id, false),
      nextVersions ? 'version = version + 1' : column('version', ({ state }) => state.version, true),
      column('state', ({ state, serialized }) => serialized ?? serializeState(state), true),
      column('tm_update', ({ state }) => state.tm_update, false),
      column('tm_end', ({ state }) => state.tm_end, false),
      column('tm_delete', ({ state }) => state.tm_delete, false),
    ].filter((set): set is string => set !== undefined);
    params.push(token);
    let where = '';
    for (const { state, expectedVersion } of writes) {
      where += where === '' ? '(id = ? AND version = ?)' : ' OR (id = ? AND version = ?)';
      params.push(state.id, expectedVersion);
    }
    const { affectedRows } = await this.db.execute(`UPDATE flow_activeflows SET ${sets.join(', ')}, write_token = ? WHERE ${where}`, params);
    if (affectedRows === writes.length) return writes.map(() => true);
    const written = new Set((await this.db.query('SELECT id FROM flow_activeflows WHERE write_token = ?', [token])).map((row) => String(row.id)));
    return writes.map(({ state }) => written.has(state.id));
  }

  /**
   * A batch of plain steps (state and version only), the statement every busy second is
   * made of. Its text depends on the number of rows alone, rounded up to a power of two
   * with rows that match nothing (no activeflow has the empty id), so MySQL keeps a
   * handful of prepared statements, takes the states as they are, unescaped, and the
   * padding costs neither a second copy of a state on the wire nor a row to look up.
   */
  private async updatePlain(writes: ActiveflowWrite[], token: string): Promise<boolean[]> {
    let rows = 1;
    while (rows < writes.length) rows *= 2;
    const params: SqlParam[] = [];
    let cases = '';
    let where = '';
    for (let index = 0; index < rows; index++) {
      const write = writes[index];
      cases += ' WHEN ? THEN ?';
      if (write) params.push(write.state.id, write.serialized ?? serializeState(write.state));
      else params.push('', '');
    }
    params.push(token);
    for (let index = 0; index < rows; index++) {
      const write = writes[index];
      where += index === 0 ? '(id = ? AND version = ?)' : ' OR (id = ? AND version = ?)';
      if (write) params.push(write.state.id, write.expectedVersion);
      else params.push('', -1);
    }
    const { affectedRows } = await this.hot(`UPDATE flow_activeflows SET state = CASE id${cases} END, version = version + 1, write_token = ? WHERE ${where}`, params);
    if (affectedRows === writes.length) return writes.map(() => true);
    const written = new Set((await this.db.query('SELECT id FROM flow_activeflows WHERE write_token = ?', [token])).map((row) => String(row.id)));
    return writes.map(({ state }) => written.has(state.id));
  }

  /** A statement of the step's hot path: prepared where the database offers it. */
  private hot(sql: string, params: SqlParam[]): Promise<{ affectedRows: number }> {
    return this.db.executePrepared ? this.db.executePrepared(sql, params) : this.db.execute(sql, params);
  }

  /**
   * The activeflow's lock held in its row, for when Redis cannot hold it: taken if free
   * or expired. 'missing' when there is no such activeflow.
   */
  async tryRowLock(id: string, token: string, ttlMs: number): Promise<'acquired' | 'busy' | 'missing'> {
    const now = Date.now();
    const { affectedRows } = await this.db.execute('UPDATE flow_activeflows SET lock_token = ?, lock_until = ? WHERE id = ? AND lock_until < ?', [token, now + ttlMs, id, now]);
    if (affectedRows === 1) return 'acquired';
    const rows = await this.db.query('SELECT id FROM flow_activeflows WHERE id = ?', [id]);
    return rows.length === 0 ? 'missing' : 'busy';
  }

  /** Frees the row lock if `token` still holds it. */
  async releaseRowLock(id: string, token: string): Promise<void> {
    await this.db.execute("UPDATE flow_activeflows SET lock_token = '', lock_until = 0 WHERE id = ? AND lock_token = ?", [id, token]);
  }

  async get(id: string): Promise<ActiveflowState | undefined> {
    return (await activeflowRows.one(this.db, 'id = ?', [id]))?.state;
  }

  async list(filters: ActiveflowFilters, page: Page): Promise<{ result: ActiveflowState[]; next_page_token: string }> {
    const { account_id, flow_id, reference_type, reference_id, status } = filters;
    const { clauses: where, params } = equalities({ account_id, flow_id, reference_type, reference_id, status });
    if (filters.deleted !== true) where.push('tm_delete IS NULL');
    const tail = pageClause(page, where, params);
    const rows = await activeflowRows.many(this.db, tail, params);
    return pageOf(
      rows.map((row) => row.state),
      page.size,
    );
  }

  async countRunning(): Promise<number> {
    const rows = await this.db.query<{ n: number }>("SELECT COUNT(*) AS n FROM flow_activeflows WHERE status = 'running' AND tm_delete IS NULL");
    return Number(rows[0]?.n ?? 0);
  }
}
