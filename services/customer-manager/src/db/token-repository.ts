import { cell, RowMapping, storedCamelFields, type SqlExecutor } from '@voxmesh/store';

export type AuthMethod = 'api_key' | 'user_auth';

export interface TokenRecord {
  tokenHash: string;
  accountId: string;
  ownerId: string | null;
  apiKeyId: string | null;
  method: AuthMethod;
  issued: string;
  expiresAt: number;
  revoked: boolean;
}

const tokenFields = storedCamelFields({
  token_hash: cell.text,
  account_id: cell.text,
  owner_id: cell.nullableText,
  api_key_id: cell.nullableText,
  method: (value): AuthMethod => (cell.text(value) === 'user_auth' ? 'user_auth' : 'api_key'),
  issued: cell.text,
  expires_at: cell.int,
  revoked: cell.bool,
});

const tokenRows = new RowMapping<TokenRecord>({ table: 'cm_auth_tokens', columns: tokenFields.columns, fromRow: tokenFields.read });

export class TokenRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(token: TokenRecord): Promise<void> {
    await tokenRows.insert(this.db, token);
  }

  get(tokenHash: string): Promise<TokenRecord | undefined> {
    return tokenRows.one(this.db, 'token_hash = ?', [tokenHash]);
  }

  async revoke(tokenHash: string): Promise<boolean> {
    const { affectedRows } = await this.db.execute(`UPDATE cm_auth_tokens SET revoked = 1 WHERE token_hash = ? AND revoked = 0`, [tokenHash]);
    return affectedRows > 0;
  }

  /** The live tokens of an account or of one of its users (to revoke them all). */
  async liveOf(accountId: string, ownerId: string | null, now: number): Promise<string[]> {
    const rows =
      ownerId === null
        ? await this.db.query(`SELECT token_hash FROM cm_auth_tokens WHERE account_id = ? AND revoked = 0 AND expires_at > ?`, [accountId, now])
        : await this.db.query(`SELECT token_hash FROM cm_auth_tokens WHERE account_id = ? AND owner_id = ? AND revoked = 0 AND expires_at > ?`, [
            accountId,
            ownerId,
            now,
          ]);
    return rows.map((row) => cell.text(row.token_hash));
  }

  async liveOfKey(apiKeyId: string, now: number): Promise<string[]> {
    const rows = await this.db.query(`SELECT token_hash FROM cm_auth_tokens WHERE api_key_id = ? AND revoked = 0 AND expires_at > ?`, [apiKeyId, now]);
    return rows.map((row) => cell.text(row.token_hash));
  }

  async deleteExpired(now: number): Promise<number> {
    return (await this.db.execute(`DELETE FROM cm_auth_tokens WHERE expires_at < ?`, [now])).affectedRows;
  }

  async deleteAccount(accountId: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_auth_tokens WHERE account_id = ?`, [accountId]);
  }
}
