import type { Migration } from '@voxmesh/store';

/**
 * call-manager's schema, portable SQL. Each resource is a JSON document (MEDIUMTEXT on
 * MySQL) with the columns it is looked up by beside it; times are ISO strings, soft
 * delete sets `tm_delete`. `owner` is the replica that holds a live call, so a replica
 * that restarts finds the calls it left.
 */
const text = { mysql: 'MEDIUMTEXT', sqlite: 'TEXT' } as const;

function schema(dialect: 'mysql' | 'sqlite'): string {
  const json = text[dialect];
  return `
CREATE TABLE cm_calls (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  account_id VARCHAR(64) NOT NULL DEFAULT '',
  direction VARCHAR(16) NOT NULL,
  status VARCHAR(16) NOT NULL,
  channel_id VARCHAR(64) NOT NULL DEFAULT '',
  media_server VARCHAR(255) NOT NULL DEFAULT '',
  core_uuid VARCHAR(64) NOT NULL DEFAULT '',
  activeflow_id VARCHAR(128) NOT NULL DEFAULT '',
  master_call_id VARCHAR(64) NOT NULL DEFAULT '',
  owner VARCHAR(64) NOT NULL DEFAULT '',
  doc ${json} NOT NULL,
  tm_create VARCHAR(32) NOT NULL,
  tm_update VARCHAR(32) NULL,
  tm_hangup VARCHAR(32) NULL,
  tm_delete VARCHAR(32) NULL
);
CREATE INDEX idx_cm_calls_account ON cm_calls (account_id, tm_create);
CREATE INDEX idx_cm_calls_create ON cm_calls (tm_create);
CREATE INDEX idx_cm_calls_status ON cm_calls (status, owner);
CREATE INDEX idx_cm_calls_channel ON cm_calls (channel_id);
CREATE TABLE cm_channels (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  call_id VARCHAR(64) NOT NULL DEFAULT '',
  account_id VARCHAR(64) NOT NULL DEFAULT '',
  state VARCHAR(16) NOT NULL,
  doc ${json} NOT NULL,
  tm_create VARCHAR(32) NOT NULL,
  tm_update VARCHAR(32) NULL
);
CREATE INDEX idx_cm_channels_account ON cm_channels (account_id, state);
CREATE INDEX idx_cm_channels_call ON cm_channels (call_id);
CREATE TABLE cm_recordings (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  account_id VARCHAR(64) NOT NULL DEFAULT '',
  call_id VARCHAR(64) NOT NULL DEFAULT '',
  status VARCHAR(16) NOT NULL,
  doc ${json} NOT NULL,
  tm_create VARCHAR(32) NOT NULL,
  tm_update VARCHAR(32) NULL,
  tm_delete VARCHAR(32) NULL
);
CREATE INDEX idx_cm_recordings_account ON cm_recordings (account_id, tm_create);
CREATE INDEX idx_cm_recordings_call ON cm_recordings (call_id);
CREATE INDEX idx_cm_recordings_create ON cm_recordings (tm_create);
CREATE TABLE cm_confbridges (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  account_id VARCHAR(64) NOT NULL DEFAULT '',
  type VARCHAR(16) NOT NULL,
  status VARCHAR(16) NOT NULL,
  doc ${json} NOT NULL,
  tm_create VARCHAR(32) NOT NULL,
  tm_update VARCHAR(32) NULL,
  tm_delete VARCHAR(32) NULL
);
CREATE INDEX idx_cm_confbridges_status ON cm_confbridges (status)`;
}

export const migrations: Migration[] = [{ version: 1, name: 'calls, channels, recordings and confbridges', sql: { mysql: schema('mysql'), sqlite: schema('sqlite') } }];
