import type { SqlExecutor, SqlRow } from '@voxmesh/store';
import { bool, nullableText, text } from './rows.js';

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

function fromRow(row: SqlRow): TokenRecord {
  return {
    tokenHash: text(row.token_hash),
    accountId: text(row.account_id),
    ownerId: nullableText(row.owner_id),
    apiKeyId: nullableText(row.api_key_id),
    method: text(row.method) === 'user_auth' ? 'user_auth' : 'api_key',
    issued: text(row.issued),
    expiresAt: Number(row.expires_at),
    revoked: bool(row.revoked),
  };
}

export class TokenRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(token: TokenRecord): Promise<void> {
    await this.db.execute(
      `INSERT INTO cm_auth_tokens (token_hash, account_id, owner_id, api_key_id, method, issued, expires_at, revoked) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [token.tokenHash, token.accountId, token.ownerId, token.apiKeyId, token.method, token.issued, token.expiresAt, token.revoked ? 1 : 0],
    );
  }

  async get(tokenHash: string): Promise<TokenRecord | undefined> {
    const rows = await this.db.query(`SELECT * FROM cm_auth_tokens WHERE token_hash = ?`, [tokenHash]);
    return rows[0] ? fromRow(rows[0]) : undefined;
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
    return rows.map((row) => text(row.token_hash));
  }

  async liveOfKey(apiKeyId: string, now: number): Promise<string[]> {
    const rows = await this.db.query(`SELECT token_hash FROM cm_auth_tokens WHERE api_key_id = ? AND revoked = 0 AND expires_at > ?`, [apiKeyId, now]);
    return rows.map((row) => text(row.token_hash));
  }

  async deleteExpired(now: number): Promise<number> {
    return (await this.db.execute(`DELETE FROM cm_auth_tokens WHERE expires_at < ?`, [now])).affectedRows;
  }

  async deleteAccount(accountId: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_auth_tokens WHERE account_id = ?`, [accountId]);
  }
}
