import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import { callerIdLookup } from './caller_id_lookup.js';
import type { CallerIdLists } from './types.js';

const lists: CallerIdLists = {
  document: async (_account, id) => (id === 'keyed' ? { name: 'Brands', length: 1, entries: { '1': { name: 'Acme', number: '+15550001' }, '2': { name: 'Nameless' } } } : id === 'plain' ? { name: 'Plain', entries: { '12': { number: '+15550012' } } } : undefined),
  entries: async (_account, id) => (id === 'entries' ? [{ cid_key: '07', cid_name: 'Widgets', cid_number: '+15550007' }, { number: '+1555' }] : undefined),
};

async function lookup(option: Record<string, unknown>) {
  const run = fakeContext('caller_id_lookup', option, { deps: { callerIdLists: lists } });
  await callerIdLookup.run(run.context);
  const v = run.variables;
  return { result: v['voipbin.dynamic_cid.result'], name: v['voipbin.call.caller_id_name'], number: v['voipbin.call.caller_id_number'], destination: v['voipbin.dynamic_cid.destination'] };
}

describe('caller_id_lookup', () => {
  it("list: the list's key length (2 by default) picks the entry, the rest is the destination", async () => {
    expect(await lookup({ action: 'list', list_id: 'keyed', captured: '12001' })).toEqual({ result: 'found', name: 'Acme', number: '+15550001', destination: '2001' });
    expect(await lookup({ action: 'list', list_id: 'plain', captured: '125550100' })).toEqual({ result: 'found', name: undefined, number: '+15550012', destination: '5550100' });
  });

  it('list: a named capture gives the key, and the whole capture is the destination', async () => {
    expect(await lookup({ action: 'list', list_id: 'keyed', captured: '2001', key: '1' })).toMatchObject({ number: '+15550001', destination: '2001' });
  });

  it('keeps the caller id where the entry has none, or there is no such key', async () => {
    expect(await lookup({ action: 'list', list_id: 'keyed', captured: '22001' })).toEqual({ result: 'default', name: 'Nameless', number: undefined, destination: '2001' });
    expect(await lookup({ action: 'list', list_id: 'keyed', captured: '92001' })).toMatchObject({ result: 'default', number: undefined });
  });

  it('lists: the entry whose cid_key is the first two digits', async () => {
    expect(await lookup({ action: 'lists', list_id: 'entries', captured: '072001' })).toEqual({ result: 'found', name: 'Widgets', number: '+15550007', destination: '2001' });
  });

  it('fails without the list or without captured digits', async () => {
    expect((await lookup({ action: 'lists', list_id: 'gone', captured: '072001' })).result).toBe('failed');
    expect((await lookup({ action: 'list', list_id: 'keyed', captured: '' })).result).toBe('failed');
  });
});
