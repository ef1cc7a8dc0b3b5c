import type { customerManager } from '@voxmesh/contracts';
import type { AccountCache, TokenValidator } from '../http/auth.js';
import type { Hub } from '../websocket/hub.js';

/**
 * What the gateway remembers must not outlive what the owners changed: customer-manager's
 * events drop cached tokens and accounts, and close the sockets of a revoked token or a
 * disabled or deleted account.
 */
export class CacheInvalidation {
  constructor(
    private readonly tokens: TokenValidator,
    private readonly accounts: AccountCache,
    private readonly hub: Hub,
  ) {}

  tokenRevoked(revoked: { token_hash: string }): void {
    const hash = revoked.token_hash;
    this.tokens.dropHash(hash);
    this.hub.dropPrincipal((principal) => principal.tokenHash === hash);
  }

  accountChanged(account: customerManager.AccountDoc, deleted: boolean): void {
    this.accounts.drop(account.id);
    if (!deleted && account.enabled) return;
    this.tokens.dropAccount(account.id);
    this.hub.dropPrincipal((principal) => principal.accountId === account.id);
  }

  userChanged(user: { id: string }): void {
    this.tokens.dropOwner(user.id);
  }
}
