import { z } from 'zod';

/**
 * The body of a crossbar PATCH for a document made of `fields`: any field may be
 * given, and `null` removes an optional one. Objects merge key by key (see
 * `mergeConfig`), arrays are replaced; the merged document is then checked against
 * the document's own schema, so a PATCH can never store what a POST would refuse.
 */
export function patchSchemaOf(fields: Record<string, z.ZodType>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(fields)) {
    shape[key] = schema instanceof z.ZodOptional ? patchValue(schema.unwrap() as z.ZodType).nullable().optional() : patchValue(schema).optional();
  }
  return z.strictObject(shape);
}

/** An object merges, so each of its own keys becomes optional (and removable); anything else is given whole. */
function patchValue(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = {};
    for (const [key, inner] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const bare = inner instanceof z.ZodOptional ? (inner.unwrap() as z.ZodType) : inner;
      shape[key] = patchValue(bare).nullable().optional();
    }
    return z.strictObject(shape);
  }
  return schema;
}
