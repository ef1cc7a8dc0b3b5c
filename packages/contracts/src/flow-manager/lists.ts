import { z } from 'zod';
import { regexPattern } from './actions/condition_regex.js';

/**
 * Kazoo's match lists (`applications/crossbar/doc/lists.md`, schema `lists.json`): a
 * named list of caller ids, each entry a `number` (matched as a prefix of the caller's
 * number, `+` aside) or a `pattern` (a regular expression), as cidlistmatch reads them,
 * or a `cid_key` with the caller id it stands for (`cid_name`, `cid_number`), as
 * dynamic_cid `lists` reads them. A list may also hold Kazoo's `entries` map (caller ids
 * by key) and key `length` for dynamic_cid `list`. Documents keep the fields they are
 * given; those below are checked.
 */
export const listInputSchema = z.looseObject({
  name: z.string().min(1).max(128),
  description: z.string().min(1).max(128).optional(),
  org: z.string().max(256).optional(),
  /** dynamic_cid `list`: caller ids by the key keyed after the feature code. */
  entries: z.record(z.string().regex(/^[0-9]{1,8}$/, 'keys must be 1 to 8 digits'), z.looseObject({ name: z.string().max(128).optional(), number: z.string().regex(/^\+?[0-9]{1,32}$/, 'must be digits, optionally after a +').optional() })).optional(),
  /** How many digits of the key (2 by default). */
  length: z.number().int().min(1).max(8).optional(),
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
    /** dynamic_cid `lists`: the digits keyed after the feature code that choose this caller id. */
    cid_key: z.string().regex(/^[0-9]{1,8}$/, 'must be 1 to 8 digits').optional(),
    cid_name: z.string().max(128).optional(),
    cid_number: entryNumber.optional(),
  })
  .refine((entry) => entry.number !== undefined || entry.pattern !== undefined || entry.cid_key !== undefined, {
    message: 'an entry needs a number, a pattern or a cid_key',
    path: ['number'],
  });

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
