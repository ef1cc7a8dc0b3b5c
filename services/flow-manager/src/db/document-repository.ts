import { cell, fieldColumns, jsonColumn, RowMapping, type SqlDatabase } from '@voxmesh/store';

/** The kinds of document kept in `flow_documents`. */
export type DocumentKind = 'temporal_rules' | 'temporal_rules_sets' | 'directories';

export interface DocumentRecord {
  account_id: string;
  kind: DocumentKind;
  id: string;
  document: Record<string, unknown>;
  tm_create: string;
  tm_update: string | null;
}

const rows = new RowMapping<DocumentRecord>({
  table: 'flow_documents',
  columns: [...fieldColumns<DocumentRecord>(['account_id', 'kind', 'id']), jsonColumn('document', (record) => record.document), ...fieldColumns<DocumentRecord>(['tm_create', 'tm_update'])],
  fromRow: (row) => ({
    account_id: cell.text(row.account_id),
    kind: cell.text(row.kind) as DocumentKind,
    id: cell.text(row.id),
    document: cell.json<Record<string, unknown>>(row.document),
    tm_create: cell.text(row.tm_create),
    tm_update: cell.nullableText(row.tm_update),
  }),
});

/** How many documents of one kind an account keeps. */
export const MAX_DOCUMENTS = 1000;

/** Account documents of a few kinds, each kept whole under its id. */
export class DocumentRepository {
  constructor(private readonly db: SqlDatabase) {}

  all(accountId: string, kind: DocumentKind): Promise<DocumentRecord[]> {
    return rows.many(this.db, `WHERE account_id = ? AND kind = ? ORDER BY tm_create, id LIMIT ${MAX_DOCUMENTS}`, [accountId, kind]);
  }

  get(accountId: string, kind: DocumentKind, id: string): Promise<DocumentRecord | undefined> {
    return rows.one(this.db, 'account_id = ? AND kind = ? AND id = ?', [accountId, kind, id]);
  }

  /** The documents among `ids` that exist, in no particular order. */
  async some(accountId: string, kind: DocumentKind, ids: string[]): Promise<DocumentRecord[]> {
    if (ids.length === 0) return [];
    return rows.many(this.db, `WHERE account_id = ? AND kind = ? AND id IN (${ids.map(() => '?').join(', ')})`, [accountId, kind, ...ids]);
  }

  async count(accountId: string, kind: DocumentKind): Promise<number> {
    const found = await this.db.query('SELECT COUNT(*) AS n FROM flow_documents WHERE account_id = ? AND kind = ?', [accountId, kind]);
    return Number(found[0]?.n ?? 0);
  }

  insert(record: DocumentRecord): Promise<void> {
    return rows.insert(this.db, record);
  }

  async update(record: DocumentRecord): Promise<boolean> {
    return (await rows.update(this.db, record, ['document', 'tm_update'], ['account_id', 'kind', 'id'])) > 0;
  }

  async delete(accountId: string, kind: DocumentKind, id: string): Promise<boolean> {
    return (await this.db.execute('DELETE FROM flow_documents WHERE account_id = ? AND kind = ? AND id = ?', [accountId, kind, id])).affectedRows > 0;
  }
}
