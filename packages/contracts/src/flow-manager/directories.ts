import { z } from 'zod';

/**
 * Kazoo's dial-by-name directories (`applications/crossbar/doc/directories.md`, schema
 * `directories.json`). A user is listed in a directory by the user's `directories`
 * (directory id → the callflow a caller choosing the user is connected to). Documents
 * keep the fields they are given; those below are checked.
 */
export const directoryInputSchema = z.looseObject({
  name: z.string().min(1).max(128),
  /** Letters the caller keys in before the search (3 by default). */
  min_dtmf: z.number().int().min(1).max(10).optional(),
  /** The most letters keyed in; 0 (the default) is no limit. */
  max_dtmf: z.number().int().min(0).max(10).optional(),
  /** Which name the letters spell first (`last_name` by default). */
  sort_by: z.enum(['first_name', 'last_name']).optional(),
  /** Ask the caller to confirm each match before connecting (true by default). */
  confirm_match: z.boolean().optional(),
});

export const directorySchema = directoryInputSchema.extend({ id: z.string() });

export type DirectoryInput = z.infer<typeof directoryInputSchema>;
export type Directory = z.infer<typeof directorySchema>;
