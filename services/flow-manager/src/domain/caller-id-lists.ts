import { VoipError } from '@voxmesh/wire';
import type { CallerIdLists } from '../actions/types.js';
import type { ListService } from './lists.js';

/** The account's lists as dynamic_cid reads them: a list that is not there is undefined. */
export class CallerIdListReader implements CallerIdLists {
  constructor(private readonly lists: Pick<ListService, 'get' | 'entries'>) {}

  document(accountId: string, listId: string): Promise<Record<string, unknown> | undefined> {
    return missing(() => this.lists.get(accountId, listId));
  }

  entries(accountId: string, listId: string): Promise<Record<string, unknown>[] | undefined> {
    return missing(() => this.lists.entries(accountId, listId));
  }
}

async function missing<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof VoipError && error.status === 'NOT_FOUND') return undefined;
    throw error;
  }
}
