import { isDuplicateKey, type SqlDatabase, type SqlRow } from '@voxmesh/store';
import type { flowManager } from '@voxmesh/contracts';
import { parseJson } from '@voxmesh/wire';

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

const COLUMNS = 'account_id, owner_type, owner_id, document, tm_create, tm_update';
const WHERE = 'account_id = ? AND owner_type = ? AND owner_id = ?';

function toRecord(row: SqlRow): MetaflowRecord {
  return {
    account_id: String(row.account_id),
    owner_type: String(row.owner_type) as MetaflowKey['owner_type'],
    owner_id: String(row.owner_id),
    document: parseJson(String(row.document)) as Metaflows,
    tm_create: String(row.tm_create),
    tm_update: row.tm_update === null || row.tm_update === undefined ? null : String(row.tm_update),
  };
}

/** Metaflow documents, one row per owner, in portable SQL (an insert that meets the row updates it). */
export class MetaflowRepository {
  constructor(private readonly db: SqlDatabase) {}

  async get(key: MetaflowKey): Promise<MetaflowRecord | undefined> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM flow_metaflows WHERE ${WHERE}`, [key.account_id, key.owner_type, key.owner_id]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /** Stores `document` as the owner's, replacing any it had; answers whether a row was created. */
  async put(key: MetaflowKey, document: Metaflows, at: string): Promise<boolean> {
    const json = JSON.stringify(document);
    const update = () => this.db.execute(`UPDATE flow_metaflows SET document = ?, tm_update = ? WHERE ${WHERE}`, [json, at, key.account_id, key.owner_type, key.owner_id]);
    // MySQL counts only changed rows, so a same-millisecond rewrite of the same document counts 0: the insert settles it.
    if ((await update()).affectedRows > 0) return false;
    try {
      await this.db.execute(`INSERT INTO flow_metaflows (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`, [key.account_id, key.owner_type, key.owner_id, json, at, null]);
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
