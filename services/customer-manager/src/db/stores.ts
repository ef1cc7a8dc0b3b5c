import type { SqlDatabase, SqlExecutor } from '@voxmesh/store';
import { AccountRepository } from './account-repository.js';
import { ConfigRepository } from './config-repository.js';
import { DeviceRepository } from './device-repository.js';
import { ApiKeyRepository } from './key-repository.js';
import { TokenRepository } from './token-repository.js';
import { UserRepository } from './user-repository.js';

/** Every repository on one executor: the pool, or one transaction. */
export class Stores {
  readonly accounts: AccountRepository;
  readonly users: UserRepository;
  readonly devices: DeviceRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly tokens: TokenRepository;
  readonly configs: ConfigRepository;

  constructor(db: SqlExecutor) {
    this.accounts = new AccountRepository(db);
    this.users = new UserRepository(db);
    this.devices = new DeviceRepository(db);
    this.apiKeys = new ApiKeyRepository(db);
    this.tokens = new TokenRepository(db);
    this.configs = new ConfigRepository(db);
  }
}

export class Database {
  readonly stores: Stores;

  constructor(private readonly db: SqlDatabase) {
    this.stores = new Stores(db);
  }

  transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(new Stores(tx)));
  }
}
