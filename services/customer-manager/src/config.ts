import type { FlagSpec, FlagValue } from '@voxmesh/config';

/** customer-manager's own flags, beyond the common ones. */
export interface CustomerConfig {
  /** How long an auth token lives. */
  tokenTtlSeconds: number;
  /** log2 of scrypt's cost N for password hashes; tests lower it to run fast. */
  passwordHashCost: number;
  /** How often expired tokens are deleted. */
  tokenSweepIntervalMs: number;
}

const positive = (value: FlagValue) => (Number(value) > 0 ? undefined : 'must be greater than 0');

export const customerFlags: FlagSpec[] = [
  { name: 'auth_token_ttl_s', type: 'int', usage: 'seconds an auth token lives.', default: 3600, check: positive },
  {
    name: 'password_hash_cost',
    type: 'int',
    usage: 'log2 of the scrypt cost of password hashes (10..20).',
    default: 14,
    check: (value) => (Number(value) >= 10 && Number(value) <= 20 ? undefined : 'must be 10..20'),
  },
  { name: 'auth_token_sweep_ms', type: 'int', usage: 'how often expired auth tokens are deleted, in ms.', default: 600_000, check: positive },
];

export function customerConfigFrom(values: Record<string, FlagValue>): CustomerConfig {
  const int = (name: string) => Number(values[name] ?? customerFlags.find((flag) => flag.name === name)!.default);
  return {
    tokenTtlSeconds: int('auth_token_ttl_s'),
    passwordHashCost: int('password_hash_cost'),
    tokenSweepIntervalMs: int('auth_token_sweep_ms'),
  };
}
