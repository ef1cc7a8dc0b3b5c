import { z } from 'zod';

/**
 * Account and system configuration, by category (Kazoo's kapps_account_config and
 * kapps_config): `metaflows` holds `default_metaflow`, `webhooks` the disabler's
 * thresholds, and so on. A document is a JSON object; the effective value of a category
 * for an account is the system document, overlaid by each ancestor's, then the
 * account's own (deep merge, nearer wins).
 */
export const configCategorySchema = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, { message: 'must be 1-64 of a-z 0-9 _ . -' });

export const MAX_CONFIG_BYTES = 64 * 1024;

export const configDocSchema = z
  .record(z.string().min(1).max(128), z.unknown())
  .refine((doc) => JSON.stringify(doc).length <= MAX_CONFIG_BYTES, { message: `must be at most ${MAX_CONFIG_BYTES} bytes as JSON` });
export type ConfigDoc = z.infer<typeof configDocSchema>;

export const configReplySchema = z.object({
  category: z.string(),
  /** The account, or null for the system document. */
  account_id: z.string().nullable(),
  config: z.record(z.string(), z.unknown()),
  updated: z.string().nullable(),
});
export type ConfigReply = z.infer<typeof configReplySchema>;

/** Deep merge where `null` in the overlay removes the key, as crossbar's PATCH does. */
export function mergeConfig(base: Record<string, unknown>, overlay: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (value === null) {
      delete out[key];
      continue;
    }
    // Own keys only: `constructor` or `toString` in a document must not reach Object's.
    const current = Object.hasOwn(out, key) ? out[key] : undefined;
    if (isPlainObject(current) && isPlainObject(value)) out[key] = mergeConfig(current, value);
    else out[key] = value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
