import type { RpcClient } from '@voxmesh/mesh';
import type { customerManager } from '@voxmesh/contracts';
import type { SupCommand } from './command.js';

/**
 * Carries a sup command out through customer-manager's contract and answers what
 * Kazoo's sup prints: the value read or written (`undefined` for a key not set).
 * Unsetting writes the key as null, which a merge removes.
 */
export async function runSupCommand(client: RpcClient<customerManager.CustomerManagerRoutes>, command: SupCommand): Promise<unknown> {
  const { category, key } = command;
  const document = (value: unknown) => {
    const body: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    body[key] = value;
    return body;
  };
  const valueOf = (config: Record<string, unknown>) => (Object.hasOwn(config, key) ? config[key] : undefined);
  if (command.scope === 'system') {
    const params = { category };
    if (command.verb === 'get') return valueOf((await client.call('getSystemConfig', { params })).config);
    const reply = await client.call('patchSystemConfig', { params, body: document(command.verb === 'set' ? command.value : null) });
    return valueOf(reply.config);
  }
  const params = { account_id: command.accountId, category };
  if (command.verb === 'get') return valueOf((await client.call('getAccountConfig', { params })).config);
  const reply = await client.call('patchAccountConfig', { params, body: document(command.verb === 'set' ? command.value : null) });
  return valueOf(reply.config);
}

/** How sup prints a value: JSON, and `undefined` for none, as an Erlang shell shows it. */
export function formatSupValue(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}
