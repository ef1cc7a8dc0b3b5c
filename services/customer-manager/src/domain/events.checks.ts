import type { customerManager } from '@voxmesh/contracts';
import type { DomainEvents } from './events.js';

/**
 * Compile-time checks, run by `tsc -b` (never called): what customer-manager records in
 * its outbox is held to its catalog, as a publish is.
 */
export async function domainEventChecks(events: DomainEvents, user: customerManager.User): Promise<void> {
  await events.record('user_created', user);
  await events.record('auth_token_revoked', { account_id: user.account_id, token_hash: 'h' });
  // @ts-expect-error: user_renamed is not declared
  await events.record('user_renamed', user);
  // @ts-expect-error: a revoked token names its hash
  await events.record('auth_token_revoked', { account_id: user.account_id });
  // @ts-expect-error: a user is no device
  await events.record('device_created', user);
}
