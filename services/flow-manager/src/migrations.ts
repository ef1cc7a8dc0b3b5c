import { outboxSchema, type Migration } from '@voxmesh/store';

/** Flow events, recorded with the flow change they describe and published once it commits. */
export const FLOW_EVENT_OUTBOX = 'flow_event_outbox';

/**
 * flow-manager's schema. JSON is text (MEDIUMTEXT on MySQL: a flow's actions or an
 * activeflow's state pass TEXT's 64 KiB), times are ISO strings, soft delete sets
 * `tm_delete`. Numbers and patterns have tables of their own whose primary keys make a
 * number (or pattern) route to one flow platform-wide.
 */
const text = { mysql: 'MEDIUMTEXT', sqlite: 'TEXT' } as const;

function schema(dialect: 'mysql' | 'sqlite'): string {
  const json = text[dialect];
  return `
CREATE TABLE flow_flows (
  id VARCHAR(128) NOT NULL PRIMARY KEY,
  account_id VARCHAR(64) NOT NULL DEFAULT '',
  type VARCHAR(16) NOT NULL,
  name VARCHAR(255) NOT NULL DEFAULT '',
  detail TEXT NOT NULL,
  persist BOOLEAN NOT NULL DEFAULT TRUE,
  webhook_uri VARCHAR(1024) NOT NULL DEFAULT '',
  on_complete_flow_id VARCHAR(128) NOT NULL DEFAULT '',
  actions ${json} NOT NULL,
  callflow ${json} NULL,
  numbers TEXT NOT NULL,
  patterns TEXT NOT NULL,
  tm_create VARCHAR(32) NOT NULL,
  tm_update VARCHAR(32) NULL,
  tm_delete VARCHAR(32) NULL
);
CREATE INDEX idx_flow_flows_account ON flow_flows (account_id, tm_create);
CREATE INDEX idx_flow_flows_create ON flow_flows (tm_create);
CREATE TABLE flow_numbers (
  num VARCHAR(64) NOT NULL PRIMARY KEY,
  flow_id VARCHAR(128) NOT NULL
);
CREATE INDEX idx_flow_numbers_flow ON flow_numbers (flow_id);
CREATE TABLE flow_patterns (
  pattern VARCHAR(255) NOT NULL PRIMARY KEY,
  flow_id VARCHAR(128) NOT NULL
);
CREATE INDEX idx_flow_patterns_flow ON flow_patterns (flow_id);
CREATE TABLE flow_activeflows (
  id VARCHAR(128) NOT NULL PRIMARY KEY,
  account_id VARCHAR(64) NOT NULL DEFAULT '',
  flow_id VARCHAR(128) NOT NULL DEFAULT '',
  status VARCHAR(16) NOT NULL,
  reference_type VARCHAR(32) NOT NULL DEFAULT '',
  reference_id VARCHAR(128) NOT NULL DEFAULT '',
  reference_activeflow_id VARCHAR(128) NOT NULL DEFAULT '',
  version INT NOT NULL,
  write_token VARCHAR(64) NOT NULL DEFAULT '',
  state ${json} NOT NULL,
  tm_create VARCHAR(32) NOT NULL,
  tm_update VARCHAR(32) NULL,
  tm_end VARCHAR(32) NULL,
  tm_delete VARCHAR(32) NULL
);
CREATE INDEX idx_flow_activeflows_account ON flow_activeflows (account_id, tm_create);
CREATE INDEX idx_flow_activeflows_create ON flow_activeflows (tm_create);
CREATE INDEX idx_flow_activeflows_reference ON flow_activeflows (reference_id);
CREATE INDEX idx_flow_activeflows_flow ON flow_activeflows (flow_id);
CREATE INDEX idx_flow_activeflows_status ON flow_activeflows (status)`;
}

/** Metaflow documents: one row per owner (the account itself is owner `accounts`, its own id). */
function metaflowSchema(dialect: 'mysql' | 'sqlite'): string {
  return `
CREATE TABLE flow_metaflows (
  account_id VARCHAR(64) NOT NULL,
  owner_type VARCHAR(16) NOT NULL,
  owner_id VARCHAR(128) NOT NULL,
  document ${text[dialect]} NOT NULL,
  tm_create VARCHAR(32) NOT NULL,
  tm_update VARCHAR(32) NULL,
  PRIMARY KEY (account_id, owner_type, owner_id)
)`;
}

/**
 * A counter bumped in the same transaction as any change to the route patterns, so a
 * replica can keep the compiled patterns in memory and check one row per lookup instead
 * of reading them all.
 */
const PATTERN_GENERATION = `
CREATE TABLE flow_pattern_generation (
  id INT NOT NULL PRIMARY KEY,
  generation BIGINT NOT NULL
);
INSERT INTO flow_pattern_generation (id, generation) VALUES (1, 0)`;

/** The activeflow lock's stand-in in the row itself, used only while Redis is unreachable. */
const ACTIVEFLOW_DB_LOCK = `
ALTER TABLE flow_activeflows ADD COLUMN lock_token VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE flow_activeflows ADD COLUMN lock_until BIGINT NOT NULL DEFAULT 0`;

/**
 * Pivot's debug log: one row per request a `debug: true` pivot made, with its answer,
 * kept for `-pivot_debug_retention_hours` and read back per account and per call.
 */
function pivotDebugSchema(dialect: 'mysql' | 'sqlite'): string {
  return `
CREATE TABLE flow_pivot_debug (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  account_id VARCHAR(64) NOT NULL,
  call_id VARCHAR(128) NOT NULL,
  activeflow_id VARCHAR(128) NOT NULL DEFAULT '',
  seq BIGINT NOT NULL,
  exchange ${text[dialect]} NOT NULL,
  tm_create VARCHAR(32) NOT NULL
);
CREATE INDEX idx_flow_pivot_debug_call ON flow_pivot_debug (account_id, call_id, seq);
CREATE INDEX idx_flow_pivot_debug_account ON flow_pivot_debug (account_id, tm_create);
CREATE INDEX idx_flow_pivot_debug_create ON flow_pivot_debug (tm_create)`;
}

/** Caller-id match lists and their entries; an entry's number and pattern have columns for the match. */
function listSchema(dialect: 'mysql' | 'sqlite'): string {
  return `
CREATE TABLE flow_lists (
  account_id VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  document ${text[dialect]} NOT NULL,
  tm_create VARCHAR(32) NOT NULL,
  tm_update VARCHAR(32) NULL,
  PRIMARY KEY (account_id, id)
);
CREATE TABLE flow_list_entries (
  account_id VARCHAR(64) NOT NULL,
  list_id VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  number VARCHAR(40) NOT NULL DEFAULT '',
  pattern VARCHAR(512) NOT NULL DEFAULT '',
  document ${text[dialect]} NOT NULL,
  tm_create VARCHAR(32) NOT NULL,
  tm_update VARCHAR(32) NULL,
  PRIMARY KEY (account_id, list_id, id)
);
CREATE INDEX idx_flow_list_entries_number ON flow_list_entries (account_id, list_id, number)`;
}

/** Account documents kept whole and read by id (temporal rules and rule sets), one table for every kind. */
function documentSchema(dialect: 'mysql' | 'sqlite'): string {
  return `
CREATE TABLE flow_documents (
  account_id VARCHAR(64) NOT NULL,
  kind VARCHAR(32) NOT NULL,
  id VARCHAR(64) NOT NULL,
  document ${text[dialect]} NOT NULL,
  tm_create VARCHAR(32) NOT NULL,
  tm_update VARCHAR(32) NULL,
  PRIMARY KEY (account_id, kind, id)
)`;
}

export const migrations: Migration[] = [
  { version: 1, name: 'flows, numbers, patterns and activeflows', sql: { mysql: schema('mysql'), sqlite: schema('sqlite') } },
  { version: 2, name: 'metaflow documents', sql: { mysql: metaflowSchema('mysql'), sqlite: metaflowSchema('sqlite') } },
  { version: 3, name: 'pattern generation', sql: { mysql: PATTERN_GENERATION, sqlite: PATTERN_GENERATION } },
  { version: 4, name: 'flow event outbox', sql: outboxSchema(FLOW_EVENT_OUTBOX) },
  { version: 5, name: 'activeflow lock while the cache is away', sql: ACTIVEFLOW_DB_LOCK },
  { version: 6, name: 'pivot debug log', sql: { mysql: pivotDebugSchema('mysql'), sqlite: pivotDebugSchema('sqlite') } },
  { version: 7, name: 'caller-id match lists', sql: { mysql: listSchema('mysql'), sqlite: listSchema('sqlite') } },
  { version: 8, name: 'account documents (temporal rules and sets)', sql: { mysql: documentSchema('mysql'), sqlite: documentSchema('sqlite') } },
  { version: 9, name: "callflows' feature code", sql: { mysql: 'ALTER TABLE flow_flows ADD COLUMN featurecode TEXT NULL', sqlite: 'ALTER TABLE flow_flows ADD COLUMN featurecode TEXT NULL' } },
];
