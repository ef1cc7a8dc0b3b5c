import type { Migration } from '@voxmesh/store';

/**
 * The schema, written once and rendered for MySQL and SQLite: they differ only in the
 * auto-increment key, long text and where indexes are declared. Times shown to people
 * are ISO strings; times the delivery loop compares are epoch milliseconds (BIGINT).
 */
interface Table {
  name: string;
  /** `seq` as an auto-increment primary key, for tables read in insertion order. */
  sequenced?: boolean;
  columns: string[];
  primaryKey?: string;
  unique?: Record<string, string>;
  indexes?: Record<string, string>;
}

function render(table: Table, dialect: 'mysql' | 'sqlite'): string {
  const longText = dialect === 'mysql' ? 'MEDIUMTEXT' : 'TEXT';
  const columns = table.columns.map((column) => column.replace('LONGTEXT', longText));
  if (table.sequenced) columns.unshift(dialect === 'mysql' ? 'seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY' : 'seq INTEGER PRIMARY KEY AUTOINCREMENT');
  if (table.primaryKey) columns.push(`PRIMARY KEY (${table.primaryKey})`);
  const statements: string[] = [];
  if (dialect === 'mysql') {
    for (const [name, cols] of Object.entries(table.unique ?? {})) columns.push(`UNIQUE KEY ${name} (${cols})`);
    for (const [name, cols] of Object.entries(table.indexes ?? {})) columns.push(`KEY ${name} (${cols})`);
    statements.push(`CREATE TABLE IF NOT EXISTS ${table.name} (\n  ${columns.join(',\n  ')}\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  } else {
    statements.push(`CREATE TABLE IF NOT EXISTS ${table.name} (\n  ${columns.join(',\n  ')}\n)`);
    for (const [name, cols] of Object.entries(table.unique ?? {})) statements.push(`CREATE UNIQUE INDEX IF NOT EXISTS ${name} ON ${table.name} (${cols})`);
    for (const [name, cols] of Object.entries(table.indexes ?? {})) statements.push(`CREATE INDEX IF NOT EXISTS ${name} ON ${table.name} (${cols})`);
  }
  return statements.map((statement) => `${statement};`).join('\n');
}

const tables: Table[] = [
  {
    name: 'webhooks',
    columns: [
      'id VARCHAR(64) NOT NULL',
      'account_id VARCHAR(64) NOT NULL',
      'name VARCHAR(255) NOT NULL',
      'uri VARCHAR(2048) NOT NULL',
      'http_verb VARCHAR(8) NOT NULL',
      'hook VARCHAR(32) NOT NULL',
      'retries INT NOT NULL',
      'custom_data TEXT NOT NULL',
      'include_subaccounts SMALLINT NOT NULL',
      'include_internal_legs SMALLINT NOT NULL',
      'enabled SMALLINT NOT NULL',
      'format VARCHAR(16) NOT NULL',
      'modifiers TEXT NOT NULL',
      'log_successful_attempts SMALLINT NOT NULL',
      'disable_reason VARCHAR(255) NULL',
      'disabled_at VARCHAR(32) NULL',
      'created_at VARCHAR(32) NOT NULL',
      'updated_at VARCHAR(32) NOT NULL',
    ],
    primaryKey: 'id',
    indexes: { webhooks_account: 'account_id, created_at, id', webhooks_matching: 'account_id, enabled, hook' },
  },
  {
    // What webhook-manager knows of accounts: fed by customer-manager's account_* events
    // (and its RPC on a miss), plus the disabler settings this service owns.
    name: 'webhook_accounts',
    columns: [
      'id VARCHAR(64) NOT NULL',
      'parent_id VARCHAR(64) NULL',
      'tree TEXT NULL',
      'webhook_uri VARCHAR(2048) NULL',
      'webhook_method VARCHAR(8) NULL',
      'webhook_secret VARCHAR(255) NULL',
      'secret_generated SMALLINT NOT NULL',
      'known SMALLINT NOT NULL',
      'deleted SMALLINT NOT NULL',
      'attempt_failure_count INT NULL',
      'attempt_failure_expiry_ms INT NULL',
      'disable_disabler SMALLINT NULL',
      'updated_at VARCHAR(32) NOT NULL',
    ],
    primaryKey: 'id',
    indexes: { webhook_accounts_parent: 'parent_id' },
  },
  {
    // Where flows and activeflows want their events sent (voipbin's per-activeflow webhook_uri).
    name: 'webhook_flow_destinations',
    columns: [
      'kind VARCHAR(16) NOT NULL',
      'id VARCHAR(64) NOT NULL',
      'account_id VARCHAR(64) NOT NULL',
      'flow_id VARCHAR(64) NULL',
      'uri VARCHAR(2048) NULL',
      'method VARCHAR(8) NULL',
      'updated_at VARCHAR(32) NOT NULL',
    ],
    primaryKey: 'kind, id',
  },
  {
    // The outbox. A row is written before the event that caused it is acknowledged, and
    // leaves the `pending` state only when delivered, given up on or parked.
    name: 'webhook_deliveries',
    sequenced: true,
    columns: [
      'id VARCHAR(64) NOT NULL',
      'event_id VARCHAR(64) NOT NULL',
      'target VARCHAR(160) NOT NULL',
      'event_key VARCHAR(64) NOT NULL',
      'lane VARCHAR(255) NOT NULL',
      'ordered SMALLINT NOT NULL',
      'hook_id VARCHAR(64) NULL',
      'account_id VARCHAR(64) NOT NULL',
      'hook_event VARCHAR(64) NOT NULL',
      'uri VARCHAR(2048) NULL',
      'method VARCHAR(8) NULL',
      'content_type VARCHAR(128) NULL',
      'payload LONGTEXT NOT NULL',
      'max_tries INT NOT NULL',
      'try_count INT NOT NULL',
      'state VARCHAR(16) NOT NULL',
      'next_attempt_at BIGINT NOT NULL',
      'kicked_at BIGINT NOT NULL',
      'lease_until BIGINT NOT NULL',
      'lease_owner VARCHAR(64) NULL',
      'last_error VARCHAR(1024) NULL',
      'created_at VARCHAR(32) NOT NULL',
      'finished_at BIGINT NULL',
    ],
    unique: { webhook_deliveries_id: 'id', webhook_deliveries_dedupe: 'target, event_key' },
    indexes: {
      webhook_deliveries_lane: 'lane, state, seq',
      webhook_deliveries_due: 'state, kicked_at',
      webhook_deliveries_hook: 'hook_id, state',
      webhook_deliveries_finished: 'finished_at',
    },
  },
  {
    name: 'webhook_attempts',
    sequenced: true,
    columns: [
      'account_id VARCHAR(64) NOT NULL',
      'hook_id VARCHAR(64) NULL',
      'delivery_id VARCHAR(64) NOT NULL',
      'event_id VARCHAR(64) NOT NULL',
      'hook_event VARCHAR(64) NOT NULL',
      'uri VARCHAR(2048) NOT NULL',
      'method VARCHAR(8) NOT NULL',
      'req_headers TEXT NOT NULL',
      'req_body LONGTEXT NOT NULL',
      'resp_status_code INT NULL',
      'resp_headers TEXT NULL',
      'resp_body LONGTEXT NULL',
      'result VARCHAR(16) NOT NULL',
      'reason VARCHAR(255) NULL',
      'client_error VARCHAR(1024) NULL',
      'try_number INT NOT NULL',
      'retries_left INT NOT NULL',
      'is_final SMALLINT NOT NULL',
      'created_at VARCHAR(32) NOT NULL',
      'created_ms BIGINT NOT NULL',
    ],
    indexes: { webhook_attempts_account: 'account_id, seq', webhook_attempts_hook: 'hook_id, seq', webhook_attempts_time: 'created_ms' },
  },
];

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'webhooks, accounts, destinations, outbox and attempts',
    sql: {
      mysql: tables.map((table) => render(table, 'mysql')).join('\n'),
      sqlite: tables.map((table) => render(table, 'sqlite')).join('\n'),
    },
  },
];
