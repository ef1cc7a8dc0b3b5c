import { cell, fieldColumns, jsonColumn, RowMapping, type SqlDatabase } from '@voxmesh/store';

export interface ListRecord {
  account_id: string;
  id: string;
  document: Record<string, unknown>;
  tm_create: string;
  tm_update: string | null;
}

export interface ListEntryRecord {
  account_id: string;
  list_id: string;
  id: string;
  /** '' when the entry is a pattern. */
  number: string;
  /** '' when the entry is a number. */
  pattern: string;
  document: Record<string, unknown>;
  tm_create: string;
  tm_update: string | null;
}

const listRows = new RowMapping<ListRecord>({
  table: 'flow_lists',
  columns: [...fieldColumns<ListRecord>(['account_id', 'id']), jsonColumn('document', (record) => record.document), ...fieldColumns<ListRecord>(['tm_create', 'tm_update'])],
  fromRow: (row) => ({
    account_id: cell.text(row.account_id),
    id: cell.text(row.id),
    document: cell.json<Record<string, unknown>>(row.document),
    tm_create: cell.text(row.tm_create),
    tm_update: cell.nullableText(row.tm_update),
  }),
});

const entryRows = new RowMapping<ListEntryRecord>({
  table: 'flow_list_entries',
  columns: [
    ...fieldColumns<ListEntryRecord>(['account_id', 'list_id', 'id', 'number', 'pattern']),
    jsonColumn('document', (record) => record.document),
    ...fieldColumns<ListEntryRecord>(['tm_create', 'tm_update']),
  ],
  fromRow: (row) => ({
    account_id: cell.text(row.account_id),
    list_id: cell.text(row.list_id),
    id: cell.text(row.id),
    number: cell.text(row.number),
    pattern: cell.text(row.pattern),
    document: cell.json<Record<string, unknown>>(row.document),
    tm_create: cell.text(row.tm_create),
    tm_update: cell.nullableText(row.tm_update),
  }),
});

/** How many lists an account, and entries a list, may hold: a call reads a list's patterns whole. */
export const MAX_LISTS = 1000;
export const MAX_ENTRIES = 10_000;

/** Caller-id match lists and their entries, each keyed within its account. */
export class ListRepository {
  constructor(private readonly db: SqlDatabase) {}

  lists(accountId: string): Promise<ListRecord[]> {
    return listRows.many(this.db, `WHERE account_id = ? ORDER BY tm_create, id LIMIT ${MAX_LISTS}`, [accountId]);
  }

  list(accountId: string, id: string): Promise<ListRecord | undefined> {
    return listRows.one(this.db, 'account_id = ? AND id = ?', [accountId, id]);
  }

  async countLists(accountId: string): Promise<number> {
    const rows = await this.db.query('SELECT COUNT(*) AS n FROM flow_lists WHERE account_id = ?', [accountId]);
    return Number(rows[0]?.n ?? 0);
  }

  insertList(record: ListRecord): Promise<void> {
    return listRows.insert(this.db, record);
  }

  async updateList(record: ListRecord): Promise<boolean> {
    return (await listRows.update(this.db, record, ['document', 'tm_update'], ['account_id', 'id'])) > 0;
  }

  /** Removes the list and its entries together. */
  async deleteList(accountId: string, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute('DELETE FROM flow_list_entries WHERE account_id = ? AND list_id = ?', [accountId, id]);
      await tx.execute('DELETE FROM flow_lists WHERE account_id = ? AND id = ?', [accountId, id]);
    });
  }

  entries(accountId: string, listId: string): Promise<ListEntryRecord[]> {
    return entryRows.many(this.db, `WHERE account_id = ? AND list_id = ? ORDER BY tm_create, id LIMIT ${MAX_ENTRIES}`, [accountId, listId]);
  }

  entry(accountId: string, listId: string, id: string): Promise<ListEntryRecord | undefined> {
    return entryRows.one(this.db, 'account_id = ? AND list_id = ? AND id = ?', [accountId, listId, id]);
  }

  async countEntries(accountId: string, listId: string): Promise<number> {
    const rows = await this.db.query('SELECT COUNT(*) AS n FROM flow_list_entries WHERE account_id = ? AND list_id = ?', [accountId, listId]);
    return Number(rows[0]?.n ?? 0);
  }

  insertEntry(record: ListEntryRecord): Promise<void> {
    return entryRows.insert(this.db, record);
  }

  async updateEntry(record: ListEntryRecord): Promise<boolean> {
    return (await entryRows.update(this.db, record, ['number', 'pattern', 'document', 'tm_update'], ['account_id', 'list_id', 'id'])) > 0;
  }

  async deleteEntry(accountId: string, listId: string, id: string): Promise<boolean> {
    return (await this.db.execute('DELETE FROM flow_list_entries WHERE account_id = ? AND list_id = ? AND id = ?', [accountId, listId, id])).affectedRows > 0;
  }

  async deleteEntries(accountId: string, listId: string): Promise<number> {
    return (await this.db.execute('DELETE FROM flow_list_entries WHERE account_id = ? AND list_id = ?', [accountId, listId])).affectedRows;
  }

  /** Whether an entry's number is one of `prefixes`. */
  async hasNumber(accountId: string, listId: string, prefixes: string[]): Promise<boolean> {
    if (prefixes.length === 0) return false;
    const rows = await this.db.query(
      `SELECT id FROM flow_list_entries WHERE account_id = ? AND list_id = ? AND number IN (${prefixes.map(() => '?').join(', ')}) LIMIT 1`,
      [accountId, listId, ...prefixes],
    );
    return rows.length > 0;
  }

  async patterns(accountId: string, listId: string): Promise<string[]> {
    const rows = await this.db.query(`SELECT pattern FROM flow_list_entries WHERE account_id = ? AND list_id = ? AND pattern <> '' LIMIT ${MAX_ENTRIES}`, [accountId, listId]);
    return rows.map((row) => cell.text(row.pattern));
  }
}
