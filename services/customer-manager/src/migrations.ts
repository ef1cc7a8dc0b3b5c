import { outboxSchema, type Migration } from '@voxmesh/store';

/** Events recorded in the transaction of the change they describe, published once it commits. */
export const EVENT_OUTBOX_TABLE = 'cm_event_outbox';

/**
 * customer-manager's schema, in SQL both MySQL and SQLite read. Times are ISO strings;
 * `path` is the account's place in the tree (`/root/…/id/`), so descendants are one
 * LIKE away; secrets are kept as hashes only.
 */
/**
 * The table of a named document (groups, carriers, conferences; see db/named-document-rows.ts):
 * id, owner, name and timestamps in columns, the rest of the document as JSON in `doc`.
 */
function namedDocumentTable(table: string, owner: 'account_id' | 'scope'): string {
  return `CREATE TABLE ${table} (
  id VARCHAR(32) NOT NULL PRIMARY KEY,
  ${owner} VARCHAR(32) NOT NULL,
  name VARCHAR(128) NOT NULL,
  doc TEXT NOT NULL,
  created VARCHAR(32) NOT NULL,
  updated VARCHAR(32) NOT NULL
);
CREATE INDEX ${table}_${owner === 'scope' ? 'scope' : 'account'} ON ${table} (${owner}, id)`;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'accounts, users, devices, keys, tokens, configs',
    sql: `
CREATE TABLE cm_accounts (
  id VARCHAR(32) NOT NULL PRIMARY KEY,
  parent_id VARCHAR(32) NULL,
  path VARCHAR(2048) NOT NULL,
  name VARCHAR(128) NOT NULL,
  name_lower VARCHAR(128) NOT NULL,
  realm VARCHAR(253) NOT NULL,
  reseller_id VARCHAR(32) NULL,
  is_reseller TINYINT NOT NULL DEFAULT 0,
  enabled TINYINT NOT NULL DEFAULT 1,
  timezone VARCHAR(64) NOT NULL,
  language VARCHAR(16) NOT NULL,
  webhook_uri VARCHAR(2048) NULL,
  webhook_method VARCHAR(8) NULL,
  webhook_secret VARCHAR(128) NOT NULL,
  created VARCHAR(32) NOT NULL,
  updated VARCHAR(32) NOT NULL
);
CREATE UNIQUE INDEX cm_accounts_realm ON cm_accounts (realm);
CREATE INDEX cm_accounts_parent ON cm_accounts (parent_id, id);
CREATE INDEX cm_accounts_name ON cm_accounts (name_lower);
CREATE TABLE cm_users (
  id VARCHAR(32) NOT NULL PRIMARY KEY,
  account_id VARCHAR(32) NOT NULL,
  username VARCHAR(128) NOT NULL,
  username_lower VARCHAR(128) NOT NULL,
  email VARCHAR(254) NULL,
  first_name VARCHAR(128) NOT NULL,
  last_name VARCHAR(128) NOT NULL,
  enabled TINYINT NOT NULL DEFAULT 1,
  priv_level VARCHAR(16) NOT NULL,
  md5_hash VARCHAR(255) NOT NULL,
  sha1_hash VARCHAR(255) NOT NULL,
  created VARCHAR(32) NOT NULL,
  updated VARCHAR(32) NOT NULL
);
CREATE UNIQUE INDEX cm_users_username ON cm_users (account_id, username_lower);
CREATE TABLE cm_devices (
  id VARCHAR(32) NOT NULL PRIMARY KEY,
  account_id VARCHAR(32) NOT NULL,
  name VARCHAR(128) NOT NULL,
  device_type VARCHAR(32) NOT NULL,
  enabled TINYINT NOT NULL DEFAULT 1,
  owner_id VARCHAR(32) NULL,
  sip_username VARCHAR(64) NOT NULL,
  sip_password VARCHAR(128) NOT NULL,
  created VARCHAR(32) NOT NULL,
  updated VARCHAR(32) NOT NULL
);
CREATE UNIQUE INDEX cm_devices_sip ON cm_devices (account_id, sip_username);
CREATE INDEX cm_devices_owner ON cm_devices (owner_id);
CREATE TABLE cm_api_keys (
  id VARCHAR(32) NOT NULL PRIMARY KEY,
  account_id VARCHAR(32) NOT NULL,
  name VARCHAR(128) NOT NULL,
  key_hash CHAR(64) NOT NULL,
  prefix VARCHAR(16) NOT NULL,
  created VARCHAR(32) NOT NULL,
  last_used VARCHAR(32) NULL
);
CREATE UNIQUE INDEX cm_api_keys_hash ON cm_api_keys (key_hash);
CREATE INDEX cm_api_keys_account ON cm_api_keys (account_id, id);
CREATE TABLE cm_auth_tokens (
  token_hash CHAR(64) NOT NULL PRIMARY KEY,
  account_id VARCHAR(32) NOT NULL,
  owner_id VARCHAR(32) NULL,
  api_key_id VARCHAR(32) NULL,
  method VARCHAR(16) NOT NULL,
  issued VARCHAR(32) NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked TINYINT NOT NULL DEFAULT 0
);
CREATE INDEX cm_auth_tokens_account ON cm_auth_tokens (account_id);
CREATE INDEX cm_auth_tokens_expiry ON cm_auth_tokens (expires_at);
CREATE TABLE cm_configs (
  scope VARCHAR(32) NOT NULL,
  category VARCHAR(64) NOT NULL,
  doc TEXT NOT NULL,
  updated VARCHAR(32) NOT NULL,
  PRIMARY KEY (scope, category)
)`,
  },
  { version: 2, name: 'event outbox', sql: outboxSchema(EVENT_OUTBOX_TABLE) },
  {
    version: 3,
    name: 'how devices and users are rung',
    sql: `ALTER TABLE cm_devices ADD COLUMN call_settings TEXT NULL;
ALTER TABLE cm_users ADD COLUMN call_settings TEXT NULL`,
  },
  {
    version: 4,
    name: 'groups',
    sql: namedDocumentTable('cm_groups', 'account_id'),
  },
  {
    version: 5,
    name: 'voicemail boxes and messages',
    sql: `CREATE TABLE cm_vmboxes (
  id VARCHAR(32) NOT NULL PRIMARY KEY,
  account_id VARCHAR(32) NOT NULL,
  name VARCHAR(128) NOT NULL,
  mailbox VARCHAR(30) NOT NULL,
  doc TEXT NOT NULL,
  created VARCHAR(32) NOT NULL,
  updated VARCHAR(32) NOT NULL
);
CREATE UNIQUE INDEX cm_vmboxes_mailbox ON cm_vmboxes (account_id, mailbox);
CREATE TABLE cm_vm_messages (
  id VARCHAR(32) NOT NULL PRIMARY KEY,
  account_id VARCHAR(32) NOT NULL,
  vmbox_id VARCHAR(32) NOT NULL,
  folder VARCHAR(16) NOT NULL,
  timestamp BIGINT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX cm_vm_messages_box ON cm_vm_messages (account_id, vmbox_id, id)`,
  },
  {
    version: 6,
    name: 'carriers',
    sql: namedDocumentTable('cm_resources', 'scope'),
  },
  {
    version: 7,
    name: 'conferences',
    sql: namedDocumentTable('cm_conferences', 'account_id'),
  },
  {
    version: 8,
    name: 'media',
    sql: namedDocumentTable('cm_media', 'account_id'),
  },
  {
    version: 9,
    name: 'faxboxes and faxes',
    sql: `${namedDocumentTable('cm_faxboxes', 'account_id')};
CREATE TABLE cm_faxes (
  id VARCHAR(32) NOT NULL PRIMARY KEY,
  account_id VARCHAR(32) NOT NULL,
  folder VARCHAR(16) NOT NULL,
  faxbox_id VARCHAR(32) NOT NULL,
  timestamp BIGINT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX cm_faxes_account ON cm_faxes (account_id, folder, id)`,
  },
  {
    version: 10,
    name: "accounts' caller id",
    sql: 'ALTER TABLE cm_accounts ADD COLUMN caller_id TEXT NULL',
  },
];
