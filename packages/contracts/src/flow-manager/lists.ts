import { z } from 'zod';
import { regexPattern } from './actions/condition_regex.js';

/**
 * Kazoo's match lists (`applications/crossbar/doc/lists.md`, schema `lists.json`): a
 * named list of caller ids, each entry a `number` (matched as a prefix of the caller's
 * number, `+` aside) or a `pattern` (a regular expression), as cidlistmatch reads them.
 * Documents keep the fields they are given; those below are checked.
 */
export const listInputSchema = z.looseObject({
  name: z.string().min(1).max(128),
  description: z.string().min(1).max(128).optional(),
  org: z.string().max(256).optional(),
});

export const listSchema = listInputSchema.extend({
  id: z.string(),
});

const entryNumber = z.string().regex(/^\+?[0-9]{1,32}$/, 'must be digits, optionally after a +');

export const listEntryInputSchema = z
  .looseObject({
    number: entryNumber.optional(),
    pattern: regexPattern.optional(),
    displayname: z.string().max(256).optional(),
    firstname: z.string().max(128).optional(),
    lastname: z.string().max(128).optional(),
  })
  .refine((entry) => entry.number !== undefined || entry.pattern !== undefined, { message: 'an entry needs a number or a pattern', path: ['number'] });

export const listEntrySchema = z.looseObject({
  id: z.string(),
  list_id: z.string(),
  number: z.string().optional(),
  pattern: z.string().optional(),
});

export const deletedEntriesSchema = z.object({ deleted: z.number().int().min(0) });

export type ListInput = z.infer<typeof listInputSchema>;
export type MatchList = z.infer<typeof listSchema>;
export type ListEntryInput = z.infer<typeof listEntryInputSchema>;
export type ListEntry = z.infer<typeof listEntrySchema>;
