import { cell, fieldColumns, isDuplicateKey, jsonColumn, RowMapping, type SqlDatabase } from '@voxmesh/store';
import type { flowManager } from '@voxmesh/contracts';

type Metaflows = flowManager.Metaflows;

/** Whose document a row is: the account's own (`accounts`, the account id) or one of its users, devices or callflows. */
export interface MetaflowKey {
  account_id: string;
  owner_type: 'accounts' | 'users' | 'devices' | 'callflows';
  owner_id: string;
}

export interface MetaflowRecord extends MetaflowKey {
  document: Metaflows;
  tm_create: string;
  tm_update: string | null;
}

const KEY = ['account_id', 'owner_type', 'owner_id'] as const;
const WHERE = 'account_id = ? AND owner_type = ? AND owner_id = ?';

const metaflowRows = new RowMapping<MetaflowRecord>({
  table: 'flow_metaflows',
  columns: [...fieldColumns<MetaflowRecord>([...KEY]), jsonColumn('document', (record) => record.document), ...fieldColumns<MetaflowRecord>(['tm_create', 'tm_update'])],
  fromRow: (row) => ({
    account_id: cell.text(row.account_id),
    owner_type: cell.text(row.owner_type) as MetaflowKey['owner_type'],
    owner_id: cell.text(row.owner_id),
    document: cell.json<Metaflows>(row.document),
    tm_create: cell.text(row.tm_create),
    tm_update: cell.nullableText(row.tm_update),
  }),
});

/** Metaflow documents, one row per owner, in portable SQL (an insert that meets the row updates it). */
export class MetaflowRepository {
  constructor(private readonly db: SqlDatabase) {}

  get(key: MetaflowKey): Promise<MetaflowRecord | undefined> {
    return metaflowRows.one(this.db, WHERE, [key.account_id, key.owner_type, key.owner_id]);
  }

  /** Stores `document` as the owner's, replacing any it had; answers whether a row was created. */
  async put(key: MetaflowKey, document: Metaflows, at: string): Promise<boolean> {
    const record: MetaflowRecord = { account_id: key.account_id, owner_type: key.owner_type, owner_id: key.owner_id, document, tm_create: at, tm_update: null };
    const update = () => metaflowRows.update(this.db, { ...record, tm_update: at }, ['document', 'tm_update'], KEY);
    // MySQL counts only changed rows, so a same-millisecond rewrite of the same document counts 0: the insert settles it.
    if ((await update()) > 0) return false;
    try {
      await metaflowRows.insert(this.db, record);
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await update();
      return false;
    }
  }

  /** Removes the owner's document; answers whether there was one. */
  async delete(key: MetaflowKey): Promise<boolean> {
    return (await this.db.execute(`DELETE FROM flow_metaflows WHERE ${WHERE}`, [key.account_id, key.owner_type, key.owner_id])).affectedRows > 0;
  }
}
