import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cell, storedJson } from './cells.js';
import { EmbeddedDatabase } from './embedded-database.js';
import { documentRows, equalities, fieldColumns, jsonColumn, jsonField, RowMapping, storedCamelFields, storedFields } from './row-mapping.js';

interface Note {
  id: string;
  owner: string;
  pinned: boolean;
  tags: string[];
  body: { text: string; at?: string };
}

const notes = new RowMapping<Note>({
  table: 'notes',
  columns: [...fieldColumns<Note>(['id', 'owner', 'pinned']), jsonColumn('doc', (note) => note)],
  fromRow: (row) => ({ ...cell.json<Note>(row.doc), owner: cell.text(row.owner) }),
});

describe('RowMapping', () => {
  let db: EmbeddedDatabase;

  beforeAll(async () => {
    db = await EmbeddedDatabase.open();
    await db.execute('CREATE TABLE notes (id VARCHAR(40) PRIMARY KEY, owner VARCHAR(40) NOT NULL, pinned INTEGER NOT NULL, doc TEXT NOT NULL, seq INTEGER)');
  });

  afterAll(async () => {
    await db.close();
  });

  const note = (id: string, owner: string, pinned = false): Note => ({ id, owner, pinned, tags: ['a'], body: { text: `note ${id}` } });

  it('writes the lookup columns and the document, and reads the record back', async () => {
    await notes.insert(db, note('n1', 'ann', true));
    await notes.insert(db, note('n2', 'ann'));
    await notes.insert(db, note('n3', 'bob'));
    expect(await db.query('SELECT id, owner, pinned FROM notes WHERE id = ?', ['n1'])).toEqual([{ id: 'n1', owner: 'ann', pinned: 1 }]);
    expect(await notes.one(db, 'id = ?', ['n1'])).toEqual(note('n1', 'ann', true));
    expect(await notes.one(db, 'id = ?', ['none'])).toBeUndefined();
    expect((await notes.many(db, 'WHERE owner = ? ORDER BY id', ['ann'])).map((each) => each.id)).toEqual(['n1', 'n2']);
  });

  it('updates the columns named, on the row the key columns find', async () => {
    const changed = { ...note('n2', 'ann'), pinned: true, body: { text: 'changed' } };
    expect(await notes.update(db, changed, ['pinned', 'doc'], ['id', 'owner'])).toBe(1);
    expect(await notes.one(db, 'id = ?', ['n2'])).toEqual(changed);
    expect(await db.query('SELECT pinned FROM notes WHERE id = ?', ['n2'])).toEqual([{ pinned: 1 }]);
    expect(await notes.update(db, { ...changed, owner: 'carl' }, ['pinned'], ['id', 'owner'])).toBe(0);
    expect(() => notes.values(changed, ['nope'])).toThrow('notes maps no column nope');
  });

  it('lists its columns once for every statement', () => {
    expect(notes.names).toBe('id, owner, pinned, doc');
    expect(notes.insertSql(2, 'INSERT OR IGNORE INTO')).toBe('INSERT OR IGNORE INTO notes (id, owner, pinned, doc) VALUES (?, ?, ?, ?), (?, ?, ?, ?)');
    expect(notes.values(note('n9', 'dan'), ['owner', 'pinned'])).toEqual(['dan', 0]);
  });

  it('reads columns of a part of the record, and selects more than it writes when told', async () => {
    const wrapped = new RowMapping<{ note: Note; seq: number }>({
      table: 'notes',
      columns: [...fieldColumns<{ note: Note; seq: number }, Note>(['id', 'owner', 'pinned'], (record) => record.note), jsonColumn('doc', (record) => record.note)],
      fromRow: (row) => ({ note: cell.json<Note>(row.doc), seq: cell.int(row.seq) }),
      select: 'doc, seq',
    });
    await wrapped.insert(db, { note: note('w1', 'eve'), seq: 0 });
    await db.execute('UPDATE notes SET seq = 7 WHERE id = ?', ['w1']);
    expect(await wrapped.one(db, 'id = ?', ['w1'])).toEqual({ note: note('w1', 'eve'), seq: 7 });
  });
});

describe('cell', () => {
  it('reads cells as either database hands them back', () => {
    expect([cell.text(null), cell.text(undefined), cell.text(5)]).toEqual(['', '', '5']);
    expect([cell.nullableText(null), cell.nullableText('x')]).toEqual([null, 'x']);
    expect([cell.bool(1), cell.bool('1'), cell.bool(true), cell.bool(0), cell.bool(null)]).toEqual([true, true, true, false, false]);
    expect([cell.nullableBool(null), cell.nullableBool(1)]).toEqual([null, true]);
    expect([cell.int('12'), cell.int(null)]).toEqual([12, 0]);
    expect([cell.nullableInt(undefined), cell.nullableInt('3')]).toEqual([null, 3]);
  });

  it('parses stored JSON strictly, or falls back where a column may be empty or damaged', () => {
    expect(cell.json<string[]>('["a"]')).toEqual(['a']);
    expect(() => cell.json('{not json')).toThrow();
    expect(cell.jsonOr('{not json', { fallback: true })).toEqual({ fallback: true });
    expect(cell.jsonOr('', [])).toEqual([]);
    expect(cell.jsonOr(null, null)).toBeNull();
    expect(cell.jsonOr('{"a":1}', {})).toEqual({ a: 1 });
  });

  it('stores values as JSON text, and nothing as NULL', () => {
    expect([storedJson({ a: [1] }), storedJson(undefined), storedJson(null)]).toEqual(['{"a":[1]}', null, null]);
  });
});

describe('storedFields', () => {
  it('writes each field under its name and reads each back with its reader', () => {
    const fields = storedFields({ id: cell.text, enabled: cell.bool, note: cell.nullableText });
    expect(fields.columns.map((column) => column.name)).toEqual(['id', 'enabled', 'note']);
    expect(fields.columns.map((column) => column.value({ id: 'a', enabled: true, note: null }))).toEqual(['a', 1, null]);
    expect(fields.read({ id: 'a', enabled: 0, note: 'n', other: 'ignored' })).toEqual({ id: 'a', enabled: false, note: 'n' });
  });

  it('maps snake_case columns to camelCase fields when asked', () => {
    const fields = storedCamelFields({ token_hash: cell.text, expires_at: cell.int, revoked: cell.bool });
    expect(fields.columns.map((column) => column.name)).toEqual(['token_hash', 'expires_at', 'revoked']);
    expect(fields.columns.map((column) => column.value({ tokenHash: 'h', expiresAt: 5, revoked: false }))).toEqual(['h', 5, 0]);
    expect(fields.read({ token_hash: 'h', expires_at: '5', revoked: 1 })).toEqual({ tokenHash: 'h', expiresAt: 5, revoked: true });
  });

  it('writes JSON fields as JSON text and reads them back, strictly or leniently', () => {
    const fields = storedFields({ id: cell.text, tags: jsonField<string[]>(), extra: jsonField((value) => cell.jsonOr(value, {})) });
    expect(fields.columns.map((column) => column.value({ id: 'a', tags: ['x'], extra: { k: 1 } }))).toEqual(['a', '["x"]', '{"k":1}']);
    expect(fields.read({ id: 'a', tags: '["x"]', extra: 'damaged' })).toEqual({ id: 'a', tags: ['x'], extra: {} });
    expect(() => fields.read({ id: 'a', tags: 'damaged', extra: '{}' })).toThrow();
  });
});

describe('equalities', () => {
  it('makes a condition of each value given, and leaves out the ones not given', () => {
    expect(equalities({ account_id: 'a', type: undefined, status: 'running', cleared: null })).toEqual({
      clauses: ['account_id = ?', 'status = ?', 'cleared = ?'],
      params: ['a', 'running', null],
    });
    expect(equalities({})).toEqual({ clauses: [], params: [] });
  });
});

describe('documentRows', () => {
  it('keeps the whole record in the document column and the named fields beside it', async () => {
    const db = await EmbeddedDatabase.open();
    await db.execute('CREATE TABLE docs (id VARCHAR(40) PRIMARY KEY, owner VARCHAR(40) NOT NULL, pinned INTEGER NOT NULL, body TEXT NOT NULL)');
    const docs = documentRows<Note>('docs', ['id', 'owner', 'pinned'], 'body');
    const stored: Note = { id: 'd1', owner: 'ann', pinned: true, tags: [], body: { text: 'hello' } };
    await docs.insert(db, stored);
    expect(await db.query('SELECT id, owner, pinned FROM docs')).toEqual([{ id: 'd1', owner: 'ann', pinned: 1 }]);
    expect(await docs.one(db, 'owner = ?', ['ann'])).toEqual(stored);
    await db.close();
  });
});
