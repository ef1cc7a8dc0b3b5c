import { VoipError } from '@voxmesh/wire';
import type { DirectoryBook, DirectoryUser } from '../actions/types.js';
import type { TemporalService } from './temporal.js';

/** Directories kept in the account-document store, and the users customer-manager keeps. */
export class AccountDirectoryBook implements DirectoryBook {
  constructor(
    private readonly documents: Pick<TemporalService, 'get'>,
    private readonly people: { users(accountId: string, timeoutMs: number): Promise<DirectoryUser[]> },
  ) {}

  async directory(accountId: string, id: string): Promise<Record<string, unknown> | undefined> {
    try {
      return await this.documents.get<Record<string, unknown>>(accountId, 'directories', id);
    } catch (error) {
      if (error instanceof VoipError && error.status === 'NOT_FOUND') return undefined;
      throw error;
    }
  }

  users(accountId: string, timeoutMs: number): Promise<DirectoryUser[]> {
    return this.people.users(accountId, timeoutMs);
  }
}
