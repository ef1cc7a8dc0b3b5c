import type { SqlExecutor, SqlParam, SqlRow } from './database.js';
import { cell, storedJson } from './cells.js';

/** One column of a table, as a record fills it. */
export interface Column<T> {
  name: string;
  value(record: T): SqlParam;
}

/**
 * Columns that hold fields of the record (or of a part of it, `of`) under the same
 * names: the lookup columns beside a document. Booleans are written as 1 and 0.
 */
export function fieldColumns<T, P = T>(names: readonly (keyof P & string)[], of: (record: T) => P = (record) => record as unknown as P): Column<T>[] {
  return names.map((name) => ({
    name,
    value: (record: T) => asParam(of(record)[name]),
  }));
}

/** Booleans as 1 and 0, as both databases store them. */
function asParam(value: unknown): SqlParam {
  return typeof value === 'boolean' ? (value ? 1 : 0) : (value as SqlParam);
}

type Readers = Record<string, (value: unknown) => unknown>;
type FieldsOf<R extends Readers> = { [K in keyof R]: ReturnType<R[K]> };
type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;
type CamelFieldsOf<R extends Readers> = { [K in keyof R as Camel<K & string>]: ReturnType<R[K]> };

/** A field kept as JSON text, read back with `read` (strictly, unless it says otherwise). */
export function jsonField<T = unknown>(read: (value: unknown) => T = (value) => cell.json<T>(value)): ((value: unknown) => T) & { json: true } {
  return Object.assign((value: unknown) => read(value), { json: true as const });
}

/** Fields as columns, and how a row reads back into them. */
export interface StoredFields<F> {
  columns: Column<F>[];
  read(row: SqlRow): F;
}

/**
 * Fields kept in columns of their own names, given by how each cell is read back: one
 * list for both ways, so a field cannot be written and not read. Booleans are written as 1 and 0.
 */
export function storedFields<R extends Readers>(readers: R): StoredFields<FieldsOf<R>> {
  return fieldsNamed(readers, (column) => column);
}

/** As `storedFields`, for records that name fields in camelCase: `webhook_uri` holds `webhookUri`. */
export function storedCamelFields<R extends Readers>(readers: R): StoredFields<CamelFieldsOf<R>> {
  return fieldsNamed(readers, (column) => column.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase()));
}

function fieldsNamed<F>(readers: Readers, fieldOf: (column: string) => string): StoredFields<F> {
  const pairs = Object.keys(readers).map((column) => ({ column, field: fieldOf(column), read: readers[column]! }));
  return {
    columns: pairs.map(({ column, field, read }) => ({
      name: column,
      value: 'json' in read ? (record: F) => storedJson((record as Record<string, unknown>)[field]) : (record: F) => asParam((record as Record<string, unknown>)[field]),
    })),
    // A loop costs about ten times an object literal written out (a microsecond a row of
    // twenty fields): a hot path (deliveries) writes its reader by hand instead.
    read: (row) => {
      const record: Record<string, unknown> = {};
      for (const { column, field, read } of pairs) record[field] = read(row[column]);
      return record as F;
    },
  };
}

/** A column holding `part` of the record (often all of it) as JSON text; nothing is NULL. */
export function jsonColumn<T>(name: string, part: (record: T) => unknown): Column<T> {
  return { name, value: (record) => storedJson(part(record)) };
}

export interface RowMappingSpec<T> {
  table: string;
  /** In the order statements list them; a key column first where a writer needs one. */
  columns: Column<T>[];
  fromRow(row: SqlRow): T;
  /** What reads select, when it is more than the columns written (a column the database fills in). */
  select?: string;
}

/**
 * A table whose rows are records: the record's fields in lookup columns that queries
 * filter on, and what needs no index as JSON (a whole document, or some parts of one).
 * The columns are listed once, so inserts, updates and reads cannot disagree on them.
 */
export class RowMapping<T> {
  readonly table: string;
  readonly columns: readonly Column<T>[];
  /** The column names, comma-separated. */
  readonly names: string;
  readonly fromRow: (row: SqlRow) => T;
  private readonly select: string;
  private readonly byName: Map<string, Column<T>>;

  constructor(spec: RowMappingSpec<T>) {
    this.table = spec.table;
    this.columns = spec.columns;
    this.names = spec.columns.map((column) => column.name).join(', ');
    this.fromRow = spec.fromRow;
    this.select = spec.select ?? this.names;
    this.byName = new Map(spec.columns.map((column) => [column.name, column]));
  }

  /** The record's values for every column, or for the columns named, in that order. */
  values(record: T, names?: readonly string[]): SqlParam[] {
    if (names === undefined) return this.columns.map((column) => column.value(record));
    return names.map((name) => this.column(name).value(record));
  }

  /** `INSERT INTO table (columns) VALUES (?, …)` for `rows` rows; `verb` for `INSERT IGNORE INTO` and the like. */
  insertSql(rows = 1, verb = 'INSERT INTO'): string {
    const tuple = `(${this.columns.map(() => '?').join(', ')})`;
    return `${verb} ${this.table} (${this.names}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
  }

  async insert(db: SqlExecutor, record: T): Promise<void> {
    await db.execute(this.insertSql(), this.values(record));
  }

  /** Writes the columns in `set` to the row whose `key` columns hold the record's values; answers the rows changed. */
  async update(db: SqlExecutor, record: T, set: readonly string[], key: readonly string[]): Promise<number> {
    const sql = `UPDATE ${this.table} SET ${set.map((name) => `${name} = ?`).join(', ')} WHERE ${key.map((name) => `${name} = ?`).join(' AND ')}`;
    return (await db.execute(sql, [...this.values(record, set), ...this.values(record, key)])).affectedRows;
  }

  /** The first row `where` matches, as a record. */
  async one(db: SqlExecutor, where: string, params: SqlParam[]): Promise<T | undefined> {
    const rows = await db.query(`SELECT ${this.select} FROM ${this.table} WHERE ${where}`, params);
    return rows[0] === undefined ? undefined : this.fromRow(rows[0]);
  }

  /** The rows `rest` (a WHERE, an ORDER BY, a LIMIT: what follows the table name) selects, as records. */
  async many(db: SqlExecutor, rest: string, params: SqlParam[]): Promise<T[]> {
    return (await db.query(`SELECT ${this.select} FROM ${this.table} ${rest}`, params)).map((row) => this.fromRow(row));
  }

  private column(name: string): Column<T> {
    const column = this.byName.get(name);
    if (column === undefined) throw new Error(`${this.table} maps no column ${name}`);
    return column;
  }
}

/**
 * `column = ?` for each value given, with the values as parameters: the conditions of a
 * filter (or the assignments of a patch) whose fields are optional. Undefined is left out.
 */
export function equalities(values: Record<string, SqlParam>): { clauses: string[]; params: SqlParam[] } {
  const clauses: string[] = [];
  const params: SqlParam[] = [];
  for (const [column, value] of Object.entries(values)) {
    if (value === undefined) continue;
    clauses.push(`${column} = ?`);
    params.push(value);
  }
  return { clauses, params };
}

/** A table of whole documents in one JSON column (`document`), beside them the fields lookups and lists filter on. */
export function documentRows<T>(table: string, fields: readonly (keyof T & string)[], document = 'doc'): RowMapping<T> {
  return new RowMapping<T>({
    table,
    columns: [...fieldColumns<T>(fields), jsonColumn(document, (record) => record)],
    fromRow: (row) => cell.json<T>(row[document]),
    select: document,
  });
}
