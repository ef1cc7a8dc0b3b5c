import { OutboxWriter, type SqlDatabase, type SqlExecutor } from '@voxmesh/store';
import { DomainEvents } from '../domain/events.js';
import { EVENT_OUTBOX_TABLE } from '../migrations.js';
import { AccountRepository } from './account-repository.js';
import { ConfigRepository } from './config-repository.js';
import { DeviceRepository } from './device-repository.js';
import { ConferenceRepository } from './conference-repository.js';
import { MediaRepository } from './media-repository.js';
import { FaxboxRepository, FaxRepository } from './fax-repository.js';
import { GroupRepository } from './group-repository.js';
import { ResourceRepository } from './resource-repository.js';
import { ApiKeyRepository } from './key-repository.js';
import { TokenRepository } from './token-repository.js';
import { UserRepository } from './user-repository.js';
import { VmboxRepository } from './vmbox-repository.js';

/** Every repository on one executor: the pool, or one transaction. */
export class Stores {
  readonly accounts: AccountRepository;
  readonly users: UserRepository;
  readonly devices: DeviceRepository;
  readonly groups: GroupRepository;
  readonly vmboxes: VmboxRepository;
  readonly resources: ResourceRepository;
  readonly conferences: ConferenceRepository;
  readonly media: MediaRepository;
  readonly faxboxes: FaxboxRepository;
  readonly faxes: FaxRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly tokens: TokenRepository;
  readonly configs: ConfigRepository;
  /** Events to publish once this executor's work is committed. */
  readonly events: DomainEvents;

  constructor(db: SqlExecutor) {
    this.accounts = new AccountRepository(db);
    this.users = new UserRepository(db);
    this.devices = new DeviceRepository(db);
    this.groups = new GroupRepository(db);
    this.vmboxes = new VmboxRepository(db);
    this.resources = new ResourceRepository(db);
    this.conferences = new ConferenceRepository(db);
    this.media = new MediaRepository(db);
    this.faxboxes = new FaxboxRepository(db);
    this.faxes = new FaxRepository(db);
    this.apiKeys = new ApiKeyRepository(db);
    this.tokens = new TokenRepository(db);
    this.configs = new ConfigRepository(db);
    this.events = new DomainEvents(new OutboxWriter(db, EVENT_OUTBOX_TABLE));
  }
}

export class Database {
  readonly stores: Stores;

  /** `committed` publishes what the outbox holds; it is awaited, so an event leaves before the reply. */
  constructor(
    private readonly db: SqlDatabase,
    private readonly committed: () => Promise<void> = async () => undefined,
  ) {
    this.stores = new Stores(db);
  }

  async transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T> {
    const result = await this.db.transaction((tx) => work(new Stores(tx)));
    await this.committed();
    return result;
  }
}
