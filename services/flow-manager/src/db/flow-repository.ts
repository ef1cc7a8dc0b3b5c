import { cell, equalities, fieldColumns, jsonColumn, OutboxWriter, pageClause, pageOf, RowMapping, type Page, type SqlDatabase, type SqlExecutor } from '@voxmesh/store';
import type { Action, CallflowNode, Featurecode } from '../contract.js';
import type { FlowRecord } from '../domain/model.js';
import { FLOW_EVENT_OUTBOX } from '../migrations.js';

export interface FlowFilters {
  account_id?: string | undefined;
  type?: 'flow' | 'callflow' | undefined;
  deleted?: boolean | undefined;
}

/** A flow's fields in columns, its actions, callflow, numbers and patterns as JSON. */
const flowRows = new RowMapping<FlowRecord>({
  table: 'flow_flows',
  columns: [
    ...fieldColumns<FlowRecord>(['id', 'account_id', 'type', 'name', 'detail', 'persist', 'webhook_uri', 'on_complete_flow_id']),
    jsonColumn('actions', (flow) => flow.actions),
    jsonColumn('callflow', (flow) => flow.flow),
    jsonColumn('numbers', (flow) => flow.numbers),
    jsonColumn('patterns', (flow) => flow.patterns),
    jsonColumn('featurecode', (flow) => flow.featurecode),
    ...fieldColumns<FlowRecord>(['tm_create', 'tm_update', 'tm_delete']),
  ],
  fromRow: (row) => {
    const flow: FlowRecord = {
      id: cell.text(row.id),
      account_id: cell.text(row.account_id),
      type: row.type === 'callflow' ? 'callflow' : 'flow',
      name: cell.text(row.name),
      detail: cell.text(row.detail),
      persist: cell.bool(row.persist),
      webhook_uri: cell.text(row.webhook_uri),
      on_complete_flow_id: cell.text(row.on_complete_flow_id),
      actions: cell.json<Action[]>(row.actions),
      numbers: cell.json<string[]>(row.numbers),
      patterns: cell.json<string[]>(row.patterns),
      tm_create: cell.text(row.tm_create),
      tm_update: cell.nullableText(row.tm_update),
      tm_delete: cell.nullableText(row.tm_delete),
    };
    if (row.callflow !== null && row.callflow !== undefined) flow.flow = cell.json<CallflowNode>(row.callflow);
    if (row.featurecode !== null && row.featurecode !== undefined) flow.featurecode = cell.json<Featurecode>(row.featurecode);
    return flow;
  },
});

/** What an update may change: not the id, the owner, the type or the creation time. */
const MUTABLE = ['name', 'detail', 'persist', 'webhook_uri', 'on_complete_flow_id', 'actions', 'callflow', 'numbers', 'patterns', 'featurecode', 'tm_update'] as const;

/** An event to commit with a change, for the outbox relay to publish. */
export interface RecordedEvent {
  type: string;
  data: unknown;
}

async function record(tx: SqlExecutor, event: RecordedEvent | undefined): Promise<void> {
  if (event) await new OutboxWriter(tx, FLOW_EVENT_OUTBOX).add(event.type, event.data);
}

/** Flows, and the numbers and patterns they claim, in portable SQL. */
export class FlowRepository {
  constructor(private readonly db: SqlDatabase) {}

  async insert(flow: FlowRecord, event?: RecordedEvent): Promise<void> {
    await this.db.transaction(async (tx) => {
      await flowRows.insert(tx, flow);
      await this.claim(tx, flow);
      await record(tx, event);
    });
  }

  async update(flow: FlowRecord, event?: RecordedEvent): Promise<void> {
    await this.db.transaction(async (tx) => {
      await flowRows.update(tx, flow, MUTABLE, ['id']);
      await this.release(tx, flow.id);
      await this.claim(tx, flow);
      await record(tx, event);
    });
  }

  /** Soft-deletes the flow and frees its numbers and patterns for other flows. */
  async softDelete(id: string, at: string, event?: RecordedEvent): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute('UPDATE flow_flows SET tm_delete = ?, tm_update = ? WHERE id = ? AND tm_delete IS NULL', [at, at, id]);
      await this.release(tx, id);
      await record(tx, event);
    });
  }

  private async claim(tx: SqlExecutor, flow: FlowRecord): Promise<void> {
    for (const number of flow.numbers) await tx.execute('INSERT INTO flow_numbers (num, flow_id) VALUES (?, ?)', [number, flow.id]);
    for (const pattern of flow.patterns) await tx.execute('INSERT INTO flow_patterns (pattern, flow_id) VALUES (?, ?)', [pattern, flow.id]);
    if (flow.patterns.length > 0) await this.bumpPatternGeneration(tx);
  }

  private async release(tx: SqlExecutor, flowId: string): Promise<void> {
    await tx.execute('DELETE FROM flow_numbers WHERE flow_id = ?', [flowId]);
    const { affectedRows } = await tx.execute('DELETE FROM flow_patterns WHERE flow_id = ?', [flowId]);
    if (affectedRows > 0) await this.bumpPatternGeneration(tx);
  }

  /** Only pattern changes touch the counter: flows without patterns (connect's legs) never wait on its row. */
  private async bumpPatternGeneration(tx: SqlExecutor): Promise<void> {
    await tx.execute('UPDATE flow_pattern_generation SET generation = generation + 1 WHERE id = 1');
  }

  /** Changes with every commit that adds or removes a route pattern. */
  async patternGeneration(): Promise<number> {
    const rows = await this.db.query('SELECT generation FROM flow_pattern_generation WHERE id = 1');
    return Number(rows[0]?.generation ?? 0);
  }

  get(id: string): Promise<FlowRecord | undefined> {
    return flowRows.one(this.db, 'id = ?', [id]);
  }

  async list(filters: FlowFilters, page: Page): Promise<{ result: FlowRecord[]; next_page_token: string }> {
    const { clauses: where, params } = equalities({ persist: 1, account_id: filters.account_id, type: filters.type });
    if (filters.deleted !== true) where.push('tm_delete IS NULL');
    const tail = pageClause(page, where, params);
    return pageOf(await flowRows.many(this.db, tail, params), page.size);
  }

  async countForAccount(accountId: string): Promise<number> {
    const rows = await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM flow_flows WHERE account_id = ? AND persist = ? AND tm_delete IS NULL', [accountId, 1]);
    return Number(rows[0]?.n ?? 0);
  }

  /** Which of `numbers` other flows already hold. */
  async numberOwners(numbers: string[]): Promise<{ num: string; flow_id: string }[]> {
    if (numbers.length === 0) return [];
    const marks = numbers.map(() => '?').join(', ');
    return (await this.db.query(`SELECT num, flow_id FROM flow_numbers WHERE num IN (${marks})`, numbers)).map((row) => ({ num: String(row.num), flow_id: String(row.flow_id) }));
  }

  async patternOwners(patterns: string[]): Promise<{ pattern: string; flow_id: string }[]> {
    if (patterns.length === 0) return [];
    const marks = patterns.map(() => '?').join(', ');
    return (await this.db.query(`SELECT pattern, flow_id FROM flow_patterns WHERE pattern IN (${marks})`, patterns)).map((row) => ({
      pattern: String(row.pattern),
      flow_id: String(row.flow_id),
    }));
  }

  async flowForNumber(number: string): Promise<string | undefined> {
    const rows = await this.db.query('SELECT flow_id FROM flow_numbers WHERE num = ?', [number]);
    return rows[0] ? String(rows[0].flow_id) : undefined;
  }

  async allPatterns(): Promise<{ pattern: string; flow_id: string }[]> {
    return (await this.db.query('SELECT pattern, flow_id FROM flow_patterns')).map((row) => ({ pattern: String(row.pattern), flow_id: String(row.flow_id) }));
  }
}
