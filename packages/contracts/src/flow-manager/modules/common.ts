import { z } from 'zod';

export { httpUrl } from '../actions/common.js';

/**
 * Kazoo's data fields as its callflow schemas type them. Kazoo treats an empty string or
 * null as a field left out, and so does the compiler, so the optional fields allow both.
 */
export const optionalText = z.string().max(1024).nullable().optional();

/** A whole number of `unit`s; Kazoo's UI writes some as numeric strings, which are read too. */
export function optionalInteger(min: number, max: number) {
  return z
    .union([z.number().int().min(min).max(max), z.string().regex(/^\s*\d+\s*$/, 'must be a whole number')])
    .nullable()
    .optional();
}
