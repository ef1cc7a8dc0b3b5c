import type { SqlDatabase, SqlRow } from '@voxmesh/store';
import type { ActiveflowState } from '../domain/model.js';
import { pageClause, pageOf, type Page } from './paging.js';

export interface ActiveflowFilters {
  account_id?: string | undefined;
  flow_id?: string | undefined;
  reference_type?: string | undefined;
  reference_id?: string | undefined;
  status?: 'running' | 'ended' | undefined;
  deleted?: boolean | undefined;
}

const COLUMNS = 'id, account_id, flow_id, status, reference_type, reference_id, reference_activeflow_id, version, state, tm_create, tm_update, tm_end, tm_delete';

/** The part of the state that lives in the JSON column rather than in a column of its own. */
type Document = Omit<ActiveflowState, 'id' | 'account_id' | 'flow_id' | 'status' | 'reference_type' | 'reference_id' | 'reference_activeflow_id' | 'version' | 'tm_create' | 'tm_update' | 'tm_end' | 'tm_delete'>;

function documentOf(state: ActiveflowState): string {
  const document: Document = {
    end_reason: state.end_reason,
    on_complete_flow_id: state.on_complete_flow_id,
    webhook_uri: state.webhook_uri,
    stack_map: state.stack_map,
    current_stack_id: state.current_stack_id,
    current_action: state.current_action,
    forward_stack_id: state.forward_stack_id,
    forward_action_id: state.forward_action_id,
    execute_count: state.execute_count,
    complete_count: state.complete_count,
    variables: state.variables,
    errors: state.errors,
  };
  return JSON.stringify(document);
}

const nullable = (value: unknown) => (value === null || value === undefined ? null : String(value));

function toState(row: SqlRow): ActiveflowState {
  const document = JSON.parse(String(row.state)) as Document;
  return {
    ...document,
    id: String(row.id),
    account_id: String(row.account_id),
    flow_id: String(row.flow_id),
    status: row.status === 'ended' ? 'ended' : 'running',
    reference_type: String(row.reference_type),
    reference_id: String(row.reference_id),
    reference_activeflow_id: String(row.reference_activeflow_id),
    version: Number(row.version),
    tm_create: String(row.tm_create),
    tm_update: nullable(row.tm_update),
    tm_end: nullable(row.tm_end),
    tm_delete: nullable(row.tm_delete),
  };
}

/** Activeflows in MySQL (or the embedded database): the source of truth for their state. */
export class ActiveflowRepository {
  constructor(private readonly db: SqlDatabase) {}

  async insert(state: ActiveflowState): Promise<void> {
    await this.db.execute(`INSERT INTO flow_activeflows (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      state.id,
      state.account_id,
      state.flow_id,
      state.status,
      state.reference_type,
      state.reference_id,
      state.reference_activeflow_id,
      state.version,
      documentOf(state),
      state.tm_create,
      state.tm_update,
      state.tm_end,
      state.tm_delete,
    ]);
  }

  /**
   * Writes `state` if the stored version is still `expectedVersion`; false when another
   * writer got there first (the caller reloads and decides again).
   */
  async update(state: ActiveflowState, expectedVersion: number): Promise<boolean> {
    const { affectedRows } = await this.db.execute(
      'UPDATE flow_activeflows SET status = ?, flow_id = ?, version = ?, state = ?, tm_update = ?, tm_end = ?, tm_delete = ? WHERE id = ? AND version = ?',
      [state.status, state.flow_id, state.version, documentOf(state), state.tm_update, state.tm_end, state.tm_delete, state.id, expectedVersion],
    );
    return affectedRows === 1;
  }

  async get(id: string): Promise<ActiveflowState | undefined> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM flow_activeflows WHERE id = ?`, [id]);
    return rows[0] ? toState(rows[0]) : undefined;
  }

  async list(filters: ActiveflowFilters, page: Page): Promise<{ result: ActiveflowState[]; next_page_token: string }> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    for (const column of ['account_id', 'flow_id', 'reference_type', 'reference_id', 'status'] as const) {
      const value = filters[column];
      if (value !== undefined) {
        where.push(`${column} = ?`);
        params.push(value);
      }
    }
    if (filters.deleted !== true) where.push('tm_delete IS NULL');
    const tail = pageClause(page, where, params);
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM flow_activeflows ${tail}`, params);
    return pageOf(rows.map(toState), page.size);
  }

  async countRunning(): Promise<number> {
    const rows = await this.db.query<{ n: number }>("SELECT COUNT(*) AS n FROM flow_activeflows WHERE status = 'running' AND tm_delete IS NULL");
    return Number(rows[0]?.n ?? 0);
  }
}
