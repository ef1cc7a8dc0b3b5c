import { customerManager } from '@voxmesh/contracts';
import { VoipError } from '@voxmesh/wire';
import type { z } from 'zod';

/**
 * A crossbar PATCH: the stored document's own fields merged with the patch (objects key
 * by key, null removes), then checked as a replacement would be, so the answer to a
 * bad merge is the same 400 naming the field.
 */
export function patchedInput<T>(current: Record<string, unknown>, patch: Record<string, unknown>, input: z.ZodType<T>, stored: readonly string[]): T {
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(current)) if (!stored.includes(key)) own[key] = value;
  const read = input.safeParse(customerManager.mergeConfig(own, patch));
  if (read.success) return read.data;
  const issue = read.error.issues[0]!;
  throw VoipError.invalidArgument(issue.path.join('.') || 'body', issue.message);
}
