import { randomUUID } from 'node:crypto';
import { VoipError } from '@voxmesh/wire';
import type { flowManager } from '@voxmesh/contracts';
import { MAX_ENTRIES, MAX_LISTS, type ListEntryRecord, type ListRecord, type ListRepository } from '../db/list-repository.js';

/** Caller ids are short; a longer subject is cut before the patterns see it. */
const MAX_SUBJECT = 256;

/** The document as given, without the fields the service owns. */
function stored(document: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, list_id: _listId, ...rest } = document;
  return rest;
}

function listView(record: ListRecord): flowManager.MatchList {
  return { ...(record.document as flowManager.ListInput), id: record.id };
}

function entryView(record: ListEntryRecord): flowManager.ListEntry {
  return { ...record.document, id: record.id, list_id: record.list_id };
}

/**
 * The prefixes of a caller's number, longest first, `+` aside: an entry's number matches
 * when it is one of them (Kazoo's `match_prefix_in_list` view, keyed by each prefix).
 */
export function numberPrefixes(number: string): string[] {
  const digits = number.replace(/^\+/, '').slice(0, 40);
  const prefixes: string[] = [];
  for (let length = digits.length; length > 0; length--) prefixes.push(digits.slice(0, length), `+${digits.slice(0, length)}`);
  return prefixes;
}

/** Kazoo's match lists of an account, and the membership test cidlistmatch asks. */
export class ListService {
  constructor(
    private readonly repository: ListRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async lists(accountId: string): Promise<flowManager.MatchList[]> {
    return (await this.repository.lists(accountId)).map(listView);
  }

  async get(accountId: string, id: string): Promise<flowManager.MatchList> {
    return listView(await this.existing(accountId, id));
  }

  async create(accountId: string, input: flowManager.ListInput): Promise<flowManager.MatchList> {
    if ((await this.repository.countLists(accountId)) >= MAX_LISTS) throw VoipError.exhausted(`an account keeps at most ${MAX_LISTS} lists`);
    const record: ListRecord = { account_id: accountId, id: randomUUID().replace(/-/g, ''), document: stored(input), tm_create: this.now().toISOString(), tm_update: null };
    await this.repository.insertList(record);
    return listView(record);
  }

  async update(accountId: string, id: string, input: flowManager.ListInput): Promise<flowManager.MatchList> {
    const record = { ...(await this.existing(accountId, id)), document: stored(input), tm_update: this.now().toISOString() };
    await this.repository.updateList(record);
    return listView(record);
  }

  async delete(accountId: string, id: string): Promise<flowManager.MatchList> {
    const record = await this.existing(accountId, id);
    await this.repository.deleteList(accountId, id);
    return listView(record);
  }

  async entries(accountId: string, listId: string): Promise<flowManager.ListEntry[]> {
    await this.existing(accountId, listId);
    return (await this.repository.entries(accountId, listId)).map(entryView);
  }

  async entry(accountId: string, listId: string, id: string): Promise<flowManager.ListEntry> {
    return entryView(await this.existingEntry(accountId, listId, id));
  }

  async addEntry(accountId: string, listId: string, input: flowManager.ListEntryInput): Promise<flowManager.ListEntry> {
    await this.existing(accountId, listId);
    if ((await this.repository.countEntries(accountId, listId)) >= MAX_ENTRIES) throw VoipError.exhausted(`a list keeps at most ${MAX_ENTRIES} entries`);
    const record: ListEntryRecord = {
      account_id: accountId,
      list_id: listId,
      id: randomUUID().replace(/-/g, ''),
      number: input.number ?? '',
      pattern: input.pattern ?? '',
      document: stored(input),
      tm_create: this.now().toISOString(),
      tm_update: null,
    };
    await this.repository.insertEntry(record);
    return entryView(record);
  }

  async updateEntry(accountId: string, listId: string, id: string, input: flowManager.ListEntryInput): Promise<flowManager.ListEntry> {
    const record: ListEntryRecord = {
      ...(await this.existingEntry(accountId, listId, id)),
      number: input.number ?? '',
      pattern: input.pattern ?? '',
      document: stored(input),
      tm_update: this.now().toISOString(),
    };
    await this.repository.updateEntry(record);
    return entryView(record);
  }

  async deleteEntry(accountId: string, listId: string, id: string): Promise<flowManager.ListEntry> {
    const record = await this.existingEntry(accountId, listId, id);
    await this.repository.deleteEntry(accountId, listId, id);
    return entryView(record);
  }

  async deleteEntries(accountId: string, listId: string): Promise<{ deleted: number }> {
    await this.existing(accountId, listId);
    return { deleted: await this.repository.deleteEntries(accountId, listId) };
  }

  /**
   * Whether `number` is on the list: an entry's number is a prefix of it, or an entry's
   * pattern matches it (Kazoo's cidlistmatch). A list that does not exist holds nobody.
   */
  async matches(accountId: string, listId: string, number: string): Promise<boolean> {
    if (number === '') return false;
    if (await this.repository.hasNumber(accountId, listId, numberPrefixes(number))) return true;
    const subject = number.slice(0, MAX_SUBJECT);
    return (await this.repository.patterns(accountId, listId)).some((pattern) => {
      try {
        return new RegExp(pattern).test(subject);
      } catch {
        return false;
      }
    });
  }

  private async existing(accountId: string, id: string): Promise<ListRecord> {
    const record = await this.repository.list(accountId, id);
    if (!record) throw VoipError.notFound(`list ${id} not found`);
    return record;
  }

  private async existingEntry(accountId: string, listId: string, id: string): Promise<ListEntryRecord> {
    await this.existing(accountId, listId);
    const record = await this.repository.entry(accountId, listId, id);
    if (!record) throw VoipError.notFound(`entry ${id} not found in list ${listId}`);
    return record;
  }
}
