import { z } from 'zod';

/**
 * Ids are Kazoo's: 32 lower-case hex digits (a UUID without dashes). Anything else in a
 * path is not an id this service ever made, so it is answered as unknown, not looked up.
 */
export const ID_PATTERN = /^[0-9a-f]{32}$/;
export const idSchema = z.string().regex(ID_PATTERN, { message: 'must be 32 lower-case hex digits' });

export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** ISO 8601 with milliseconds, in UTC. */
export const timestampSchema = z.string();

/** Crossbar's paging: `page_size` rows from the opaque `start_key` on (inclusive). */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

export const pageQuerySchema = z.strictObject({
  page_size: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  start_key: z.string().min(1).max(256).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** A page of rows; `next_start_key` is absent on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ result: z.array(item), next_start_key: z.string().optional() });
}

/** A name a person types: trimmed, never empty, never a control character. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { message: 'must not contain control characters' });

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export const httpUrlSchema = z.string().trim().min(1).max(2048).refine(isHttpUrl, { message: 'must be an absolute http:// or https:// URL' });

export const webhookMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const webhookMethodSchema = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toUpperCase() : value),
  z.enum(webhookMethods),
);
