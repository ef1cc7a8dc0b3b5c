import type { SqlDatabase, SqlRow } from '@voxmesh/store';
import type { Logger } from '@voxmesh/telemetry';
import { parseJson } from '@voxmesh/wire';
import type { Call, CallStatus, Channel, Confbridge, Recording } from '../contract.js';
import { BatchWriter } from './batch-writer.js';
import { DEFAULT_PAGE_SIZE, pageClause, pageOf, type Page } from '@voxmesh/store';

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

const parse = <T>(row: SqlRow): T => parseJson(String(row.doc)) as T;

/**
 * Calls in MySQL (or the embedded database). Writes go through the write-behind batcher;
 * reads that must see them (a list, a lookup after a restart) flush it first.
 */
export class CallRepository {
  private readonly writer: BatchWriter<CallRow>;

  constructor(
    private readonly db: SqlDatabase,
    logger: Logger,
  ) {
    this.writer = new BatchWriter<CallRow>({
      db,
      table: 'cm_calls',
      logger,
      columns: [
        { name: 'id', value: (row) => row.call.id },
        { name: 'account_id', value: (row) => row.call.account_id },
        { name: 'direction', value: (row) => row.call.direction },
        { name: 'status', value: (row) => row.call.status },
        { name: 'channel_id', value: (row) => row.call.channel_id },
        { name: 'media_server', value: (row) => row.call.media_server },
        { name: 'core_uuid', value: (row) => row.coreUuid },
        { name: 'activeflow_id', value: (row) => row.call.activeflow_id },
        { name: 'master_call_id', value: (row) => row.call.master_call_id },
        { name: 'owner', value: (row) => (row.call.status === 'hangup' ? '' : row.owner) },
        { name: 'doc', value: (row) => JSON.stringify(row.call) },
        { name: 'tm_create', value: (row) => row.call.tm_create },
        { name: 'tm_update', value: (row) => row.call.tm_update },
        { name: 'tm_hangup', value: (row) => row.call.tm_hangup },
        { name: 'tm_delete', value: (row) => row.call.tm_delete },
      ],
    });
  }

  save(row: CallRow): void {
    this.writer.write(row);
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  close(): Promise<void> {
    return this.writer.close();
  }

  async get(id: string): Promise<Call | undefined> {
    await this.writer.flush();
    const rows = await this.db.query('SELECT doc FROM cm_calls WHERE id = ?', [id]);
    return rows[0] ? parse<Call>(rows[0]) : undefined;
  }

  async list(filters: CallFilters, page: Page): Promise<{ result: Call[]; next_page_token: string }> {
    await this.writer.flush();
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filters.account_id !== undefined) {
      where.push('account_id = ?');
      params.push(filters.account_id);
    }
    if (filters.status !== undefined) {
      where.push('status = ?');
      params.push(filters.status);
    }
    if (filters.direction !== undefined) {
      where.push('direction = ?');
      params.push(filters.direction);
    }
    if (filters.activeflow_id !== undefined) {
      where.push('activeflow_id = ?');
      params.push(filters.activeflow_id);
    }
    if (filters.deleted !== true) where.push('tm_delete IS NULL');
    const size = page.size || DEFAULT_PAGE_SIZE;
    const rows = await this.db.query(`SELECT doc, tm_create, id FROM cm_calls ${pageClause({ ...page, size }, where, params)}`, params);
    return pageOf(
      rows.map((row) => parse<Call>(row)),
      size,
    );
  }

  /** Calls not yet over that a replica named `owner` held (or that nobody holds). */
  async unfinished(owner: string): Promise<CallRow[]> {
    await this.writer.flush();
    const rows = await this.db.query("SELECT doc, owner, core_uuid FROM cm_calls WHERE status <> 'hangup' AND (owner = ? OR owner = '')", [owner]);
    return rows.map((row) => ({ call: parse<Call>(row), owner: String(row.owner), coreUuid: String(row.core_uuid) }));
  }

  /** Calls not yet over that other replicas hold, for taking over those of a replica that is gone. */
  async heldByOthers(owner: string, limit = 1000): Promise<CallRow[]> {
    const rows = await this.db.query("SELECT doc, owner, core_uuid FROM cm_calls WHERE status <> 'hangup' AND owner <> ? AND owner <> '' LIMIT ?", [owner, limit]);
    return rows.map((row) => ({ call: parse<Call>(row), owner: String(row.owner), coreUuid: String(row.core_uuid) }));
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
export class ChannelRepository {
  private readonly writer: BatchWriter<Channel>;

  constructor(
    private readonly db: SqlDatabase,
    logger: Logger,
  ) {
    this.writer = new BatchWriter<Channel>({
      db,
      table: 'cm_channels',
      logger,
      columns: [
        { name: 'id', value: (channel) => channel.id },
        { name: 'call_id', value: (channel) => channel.call_id },
        { name: 'account_id', value: (channel) => channel.account_id },
        { name: 'state', value: (channel) => channel.state },
        { name: 'doc', value: (channel) => JSON.stringify(channel) },
        { name: 'tm_create', value: (channel) => channel.tm_create },
        { name: 'tm_update', value: () => new Date().toISOString() },
      ],
    });
  }

  save(channel: Channel): void {
    this.writer.write(channel);
  }

  close(): Promise<void> {
    return this.writer.close();
  }

  async get(id: string): Promise<Channel | undefined> {
    await this.writer.flush();
    const rows = await this.db.query('SELECT doc FROM cm_channels WHERE id = ?', [id]);
    return rows[0] ? parse<Channel>(rows[0]) : undefined;
  }

  /** The account's channels that are not hung up, newest first. */
  async live(accountId: string | undefined, limit = 1000): Promise<Channel[]> {
    await this.writer.flush();
    const where = ["state <> 'hangup'"];
    const params: (string | number)[] = [];
    if (accountId !== undefined) {
      where.push('account_id = ?');
      params.push(accountId);
    }
    params.push(limit);
    const rows = await this.db.query(`SELECT doc FROM cm_channels WHERE ${where.join(' AND ')} ORDER BY tm_create DESC LIMIT ?`, params);
    return rows.map((row) => parse<Channel>(row));
  }
}

export class RecordingRepository {
  private readonly writer: BatchWriter<Recording>;

  constructor(
    private readonly db: SqlDatabase,
    logger: Logger,
  ) {
    this.writer = new BatchWriter<Recording>({
      db,
      table: 'cm_recordings',
      logger,
      columns: [
        { name: 'id', value: (recording) => recording.id },
        { name: 'account_id', value: (recording) => recording.account_id },
        { name: 'call_id', value: (recording) => recording.call_id },
        { name: 'status', value: (recording) => recording.status },
        { name: 'doc', value: (recording) => JSON.stringify(recording) },
        { name: 'tm_create', value: (recording) => recording.tm_create },
        { name: 'tm_update', value: (recording) => recording.tm_update },
        { name: 'tm_delete', value: (recording) => recording.tm_delete },
      ],
    });
  }

  save(recording: Recording): void {
    this.writer.write(recording);
  }

  close(): Promise<void> {
    return this.writer.close();
  }

  async get(id: string): Promise<Recording | undefined> {
    await this.writer.flush();
    const rows = await this.db.query('SELECT doc FROM cm_recordings WHERE id = ?', [id]);
    return rows[0] ? parse<Recording>(rows[0]) : undefined;
  }

  async list(filters: { account_id?: string | undefined; call_id?: string | undefined }, page: Page): Promise<{ result: Recording[]; next_page_token: string }> {
    await this.writer.flush();
    const where = ['tm_delete IS NULL'];
    const params: (string | number)[] = [];
    if (filters.account_id !== undefined) {
      where.push('account_id = ?');
      params.push(filters.account_id);
    }
    if (filters.call_id !== undefined) {
      where.push('call_id = ?');
      params.push(filters.call_id);
    }
    const size = page.size || DEFAULT_PAGE_SIZE;
    const rows = await this.db.query(`SELECT doc, tm_create, id FROM cm_recordings ${pageClause({ ...page, size }, where, params)}`, params);
    return pageOf(
      rows.map((row) => parse<Recording>(row)),
      size,
    );
  }

  /** Recordings of a call still marked as running (a restart cut them off). */
  async runningOf(callId: string): Promise<Recording[]> {
    await this.writer.flush();
    const rows = await this.db.query("SELECT doc FROM cm_recordings WHERE call_id = ? AND status <> 'ended'", [callId]);
    return rows.map((row) => parse<Recording>(row));
  }
}

export class ConfbridgeRepository {
  private readonly writer: BatchWriter<Confbridge>;

  constructor(
    private readonly db: SqlDatabase,
    logger: Logger,
  ) {
    this.writer = new BatchWriter<Confbridge>({
      db,
      table: 'cm_confbridges',
      logger,
      columns: [
        { name: 'id', value: (confbridge) => confbridge.id },
        { name: 'account_id', value: (confbridge) => confbridge.account_id },
        { name: 'type', value: (confbridge) => confbridge.type },
        { name: 'status', value: (confbridge) => confbridge.status },
        { name: 'doc', value: (confbridge) => JSON.stringify(confbridge) },
        { name: 'tm_create', value: (confbridge) => confbridge.tm_create },
        { name: 'tm_update', value: (confbridge) => confbridge.tm_update },
        { name: 'tm_delete', value: (confbridge) => confbridge.tm_delete },
      ],
    });
  }

  save(confbridge: Confbridge): void {
    this.writer.write(confbridge);
  }

  close(): Promise<void> {
    return this.writer.close();
  }

  async get(id: string): Promise<Confbridge | undefined> {
    await this.writer.flush();
    const rows = await this.db.query('SELECT doc FROM cm_confbridges WHERE id = ?', [id]);
    return rows[0] ? parse<Confbridge>(rows[0]) : undefined;
  }
}
