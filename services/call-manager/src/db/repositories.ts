import { cell, DEFAULT_PAGE_SIZE, documentRows, equalities, fieldColumns, jsonColumn, pageClause, pageOf, RowMapping, type Page, type SqlDatabase, type SqlParam } from '@voxmesh/store';
import type { Logger } from '@voxmesh/telemetry';
import type { Call, CallStatus, Channel, Confbridge, Recording } from '../contract.js';
import { BatchWriter } from './batch-writer.js';

/** What the calls table keeps beside the document, for recovery after a restart. */
export interface CallRow {
  call: Call;
  /** The replica holding the call while it is live; empty once it is over. */
  owner: string;
  /** The media server's Core-UUID when the call's channel was made there. */
  coreUuid: string;
}

export interface CallFilters {
  account_id?: string | undefined;
  status?: CallStatus | undefined;
  direction?: string | undefined;
  activeflow_id?: string | undefined;
  deleted?: boolean | undefined;
}

// Each table keeps the whole document in `doc`, and beside it the fields that lookups and lists filter on.
const callRows = new RowMapping<CallRow>({
  table: 'cm_calls',
  columns: [
    ...fieldColumns<CallRow, Call>(
      ['id', 'account_id', 'direction', 'status', 'channel_id', 'media_server', 'activeflow_id', 'master_call_id', 'tm_create', 'tm_update', 'tm_hangup', 'tm_delete'],
      (row) => row.call,
    ),
    { name: 'core_uuid', value: (row) => row.coreUuid },
    { name: 'owner', value: (row) => (row.call.status === 'hangup' ? '' : row.owner) },
    jsonColumn('doc', (row) => row.call),
  ],
  fromRow: (row) => ({ call: cell.json<Call>(row.doc), owner: cell.text(row.owner), coreUuid: cell.text(row.core_uuid) }),
  select: 'doc, owner, core_uuid',
});

const channelRows = new RowMapping<Channel>({
  table: 'cm_channels',
  columns: [
    ...fieldColumns<Channel>(['id', 'call_id', 'account_id', 'state', 'tm_create']),
    { name: 'tm_update', value: () => new Date().toISOString() },
    jsonColumn('doc', (channel) => channel),
  ],
  fromRow: (row) => cell.json<Channel>(row.doc),
  select: 'doc',
});

const recordingRows = documentRows<Recording>('cm_recordings', ['id', 'account_id', 'call_id', 'status', 'tm_create', 'tm_update', 'tm_delete']);
const confbridgeRows = documentRows<Confbridge>('cm_confbridges', ['id', 'account_id', 'type', 'status', 'tm_create', 'tm_update', 'tm_delete']);

/**
 * Documents written behind (see BatchWriter) and read back once what was written is in:
 * a read that must see the writes (a list, a lookup after a restart) flushes first.
 */
class WrittenBehind<T> {
  private readonly writer: BatchWriter<T>;

  constructor(
    protected readonly db: SqlDatabase,
    logger: Logger,
    protected readonly rows: RowMapping<T>,
  ) {
    this.writer = new BatchWriter<T>({ db, table: rows.table, columns: rows.columns, logger });
  }

  save(record: T): void {
    this.writer.write(record);
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  close(): Promise<void> {
    return this.writer.close();
  }

  protected async one(where: string, params: SqlParam[]): Promise<T | undefined> {
    await this.writer.flush();
    return this.rows.one(this.db, where, params);
  }

  protected async many(rest: string, params: SqlParam[]): Promise<T[]> {
    await this.writer.flush();
    return this.rows.many(this.db, rest, params);
  }
}

/** Calls in MySQL (or the embedded database), with the replica holding each live one. */
export class CallRepository extends WrittenBehind<CallRow> {
  constructor(db: SqlDatabase, logger: Logger) {
    super(db, logger, callRows);
  }

  async get(id: string): Promise<Call | undefined> {
    return (await this.one('id = ?', [id]))?.call;
  }

  async list(filters: CallFilters, page: Page): Promise<{ result: Call[]; next_page_token: string }> {
    const { account_id, status, direction, activeflow_id } = filters;
    const { clauses: where, params } = equalities({ account_id, status, direction, activeflow_id });
    if (filters.deleted !== true) where.push('tm_delete IS NULL');
    const size = page.size || DEFAULT_PAGE_SIZE;
    const rows = await this.many(pageClause({ ...page, size }, where, params), params);
    return pageOf(
      rows.map((row) => row.call),
      size,
    );
  }

  /** Calls not yet over that a replica named `owner` held (or that nobody holds). */
  unfinished(owner: string): Promise<CallRow[]> {
    return this.many("WHERE status <> 'hangup' AND (owner = ? OR owner = '')", [owner]);
  }

  /** Calls not yet over that other replicas hold, for taking over those of a replica that is gone. */
  heldByOthers(owner: string, limit = 1000): Promise<CallRow[]> {
    return this.rows.many(this.db, "WHERE status <> 'hangup' AND owner <> ? AND owner <> '' LIMIT ?", [owner, limit]);
  }

  /** The replica holding a call, as stored; empty when none does (over, or never held). */
  async ownerOf(id: string): Promise<string | undefined> {
    const rows = await this.db.query('SELECT owner FROM cm_calls WHERE id = ?', [id]);
    return rows[0] === undefined ? undefined : String(rows[0].owner);
  }

  /** Takes a call over from a replica that is gone; false when someone else did first. */
  async claim(id: string, from: string, to: string): Promise<boolean> {
    const { affectedRows } = await this.db.execute('UPDATE cm_calls SET owner = ? WHERE id = ? AND owner = ?', [to, id, from]);
    return affectedRows === 1;
  }
}

/** The channels (legs) of calls. */
export class ChannelRepository extends WrittenBehind<Channel> {
  constructor(db: SqlDatabase, logger: Logger) {
    super(db, logger, channelRows);
  }

  get(id: string): Promise<Channel | undefined> {
    return this.one('id = ?', [id]);
  }

  /** The account's channels that are not hung up, newest first. */
  live(accountId: string | undefined, limit = 1000): Promise<Channel[]> {
    const { clauses, params } = equalities({ account_id: accountId });
    return this.many(`WHERE ${["state <> 'hangup'", ...clauses].join(' AND ')} ORDER BY tm_create DESC LIMIT ?`, [...params, limit]);
  }
}

export class RecordingRepository extends WrittenBehind<Recording> {
  constructor(db: SqlDatabase, logger: Logger) {
    super(db, logger, recordingRows);
  }

  get(id: string): Promise<Recording | undefined> {
    return this.one('id = ?', [id]);
  }

  async list(filters: { account_id?: string | undefined; call_id?: string | undefined }, page: Page): Promise<{ result: Recording[]; next_page_token: string }> {
    const { clauses, params } = equalities({ account_id: filters.account_id, call_id: filters.call_id });
    const where = ['tm_delete IS NULL', ...clauses];
    const size = page.size || DEFAULT_PAGE_SIZE;
    return pageOf(await this.many(pageClause({ ...page, size }, where, params), params), size);
  }

  /** Recordings of a call still marked as running (a restart cut them off). */
  runningOf(callId: string): Promise<Recording[]> {
    return this.many("WHERE call_id = ? AND status <> 'ended'", [callId]);
  }
}

export class ConfbridgeRepository extends WrittenBehind<Confbridge> {
  constructor(db: SqlDatabase, logger: Logger) {
    super(db, logger, confbridgeRows);
  }

  get(id: string): Promise<Confbridge | undefined> {
    return this.one('id = ?', [id]);
  }
}
