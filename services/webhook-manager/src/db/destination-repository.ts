import { cell, type SqlDatabase } from '@voxmesh/store';
import { upsertSql } from './sql.js';

export type DestinationKind = 'flow' | 'activeflow';

/** Where a flow or an activeflow asked for its events to go (voipbin's per-activeflow webhook_uri). */
export interface FlowDestination {
  kind: DestinationKind;
  id: string;
  accountId: string;
  flowId: string | null;
  uri: string | null;
  method: string | null;
}

export class DestinationRepository {
  constructor(private readonly db: SqlDatabase) {}

  async get(kind: DestinationKind, id: string): Promise<FlowDestination | undefined> {
    const rows = await this.db.query('SELECT * FROM webhook_flow_destinations WHERE kind = ? AND id = ?', [kind, id]);
    const row = rows[0];
    if (!row) return undefined;
    return { kind, id, accountId: cell.text(row.account_id), flowId: cell.nullableText(row.flow_id), uri: cell.nullableText(row.uri), method: cell.nullableText(row.method) };
  }

  async upsert(destination: FlowDestination, now: string): Promise<void> {
    const columns = ['kind', 'id', 'account_id', 'flow_id', 'uri', 'method', 'updated_at'];
    await this.db.execute(upsertSql(this.db.dialect, 'webhook_flow_destinations', columns, ['kind', 'id'], columns.slice(2)), [
      destination.kind,
      destination.id,
      destination.accountId,
      destination.flowId,
      destination.uri,
      destination.method,
      now,
    ]);
  }

  async delete(kind: DestinationKind, id: string): Promise<void> {
    await this.db.execute('DELETE FROM webhook_flow_destinations WHERE kind = ? AND id = ?', [kind, id]);
  }
}
