import { cell, RowMapping } from '@voxmesh/store';
import type { z } from 'zod';

interface NamedDocument {
  id: string;
  name: string;
  created: string;
  updated: string;
}

/**
 * The rows of a named document found by id within its owner (an account, or a carrier's
 * scope): id, owner, name and timestamps in columns, the rest of the document as JSON in
 * `doc`, as Kazoo reads and writes it whole. A `doc` that no longer reads back as `body`
 * gives `fallback` rather than failing the row.
 */
export function namedDocumentRows<T extends NamedDocument>(table: string, owner: 'account_id' | 'scope', body: z.ZodType<object>, fallback: object): RowMapping<T> {
  const own = new Set<string>(['id', owner, 'name', 'created', 'updated']);
  const field = (doc: T, name: string) => String((doc as unknown as Record<string, unknown>)[name] ?? '');
  return new RowMapping<T>({
    table,
    columns: [
      { name: 'id', value: (doc) => doc.id },
      { name: owner, value: (doc) => field(doc, owner) },
      { name: 'name', value: (doc) => doc.name },
      { name: 'doc', value: (doc) => JSON.stringify(Object.fromEntries(Object.entries(doc).filter(([key, value]) => !own.has(key) && value !== undefined))) },
      { name: 'created', value: (doc) => doc.created },
      { name: 'updated', value: (doc) => doc.updated },
    ],
    fromRow: (row) => {
      const read = body.safeParse(cell.jsonOr(row.doc, {}));
      return { id: cell.text(row.id), [owner]: cell.text(row[owner]), name: cell.text(row.name), ...(read.success ? read.data : fallback), created: cell.text(row.created), updated: cell.text(row.updated) } as unknown as T;
    },
  });
}
