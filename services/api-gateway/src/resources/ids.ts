import { HttpError } from '../http/errors.js';

/** Ids other services make (uuids, Kazoo hex, caller-chosen names): anything else is unknown. */
const FOREIGN_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@+-]{0,127}$/;

export function foreignId(value: string | undefined, what: string): string {
  if (value === undefined || !FOREIGN_ID.test(value)) throw HttpError.notFound(`${what} ${String(value).slice(0, 80)} does not exist`, 'BAD_IDENTIFIER');
  return value;
}

/** A document of another account is answered as absent, exactly as a missing one. */
export function ownedBy<T extends { account_id?: unknown }>(doc: T, accountId: string, what: string, id: string): T {
  if (doc.account_id !== accountId) throw HttpError.notFound(`${what} ${id} does not exist`, 'NOT_FOUND');
  return doc;
}
