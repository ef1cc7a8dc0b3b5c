import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import { directorySearch, keypadDigits } from './directory_search.js';
import type { DirectoryBook } from './types.js';

const book: DirectoryBook = {
  directory: async (_account, id) => ({ staff: { name: 'Staff' }, first: { name: 'By first name', sort_by: 'first_name', min_dtmf: 2, max_dtmf: 3 }, quick: { name: 'Quick', confirm_match: false } })[id],
  users: async () => [
    { id: 'u1', first_name: 'Sam', last_name: 'Smithers', directories: { staff: 'cf-sam', first: 'cf-sam', quick: 'cf-sam' } },
    { id: 'u2', first_name: 'Jane', last_name: 'Smith', directories: { staff: 'cf-jane', quick: 'cf-jane' } },
    { id: 'u3', first_name: 'John', last_name: 'Smith', directories: {} },
  ],
};

async function step(option: Record<string, unknown>, variables: Record<string, string> = {}) {
  const run = fakeContext('directory_search', option, { state: { variables }, deps: { directories: book } });
  await directorySearch.run(run.context);
  return run.variables;
}

describe('directory_search', () => {
  it('spells names on the keypad', () => {
    expect(keypadDigits('Smith')).toBe('76484');
    expect(keypadDigits("O'Brien-Zoë")).toBe('627436963');
  });

  it('finds the listed users whose last then first name starts with the keys, in name order, and steps through them', async () => {
    const found = await step({ action: 'search', directory_id: 'staff', digits: '76484#' });
    expect(found).toMatchObject({ 'voipbin.directory.result': 'match', 'voipbin.directory.name': 'Jane Smith', 'voipbin.directory.callflow_id': 'cf-jane' });
    const second = await step({ action: 'next', directory_id: 'staff' }, found);
    expect(second).toMatchObject({ 'voipbin.directory.result': 'match', 'voipbin.directory.name': 'Sam Smithers' });
    expect((await step({ action: 'next', directory_id: 'staff' }, second))['voipbin.directory.result']).toBe('end');
  });

  it('searches by first name with sort_by first_name, and answers auto without confirm_match', async () => {
    expect(await step({ action: 'search', directory_id: 'first', digits: '72' })).toMatchObject({ 'voipbin.directory.result': 'match', 'voipbin.directory.name': 'Sam Smithers' });
    // max_dtmf 3: keys past the third are not searched.
    expect(await step({ action: 'search', directory_id: 'first', digits: '7260000' })).toMatchObject({ 'voipbin.directory.result': 'match', 'voipbin.directory.name': 'Sam Smithers' });
    expect((await step({ action: 'search', directory_id: 'quick', digits: '764' }))['voipbin.directory.result']).toBe('auto');
  });

  it('finds none for too few keys or no match, and fails without the directory', async () => {
    expect((await step({ action: 'search', directory_id: 'staff', digits: '76#' }))['voipbin.directory.result']).toBe('none');
    expect((await step({ action: 'search', directory_id: 'staff', digits: '999' }))['voipbin.directory.result']).toBe('none');
    expect((await step({ action: 'search', directory_id: 'gone', digits: '764' }))['voipbin.directory.result']).toBe('failed');
  });
});
