import { describe, expect, it } from '@jest/globals';
import { digitsReceive, dtmfReceive, gathered } from './digits_receive.js';
import { fakeRun } from './test-support.js';

describe('digits_receive', () => {
  it("is satisfied by voipbin's condition: enough digits, or a key", () => {
    expect(gathered('12', { length: 2 })).toBe(true);
    expect(gathered('1', { length: 2 })).toBe(false);
    expect(gathered('12#', { key: '#' })).toBe(true);
    expect(gathered('123', { key: '#*' })).toBe(false);
    expect(gathered('', {})).toBe(false);
    expect(gathered('999', {})).toBe(false);
  });

  it('waits for the duration, then hands over what was pressed', async () => {
    const { run, did } = fakeRun('digits_receive', { duration: 5000, length: 4 }, { digits: '12' });
    await digitsReceive.start(run);
    expect(did).toEqual(['timeout 5000']);
    await digitsReceive.onTimeout!(run);
    expect(did.slice(1)).toEqual(['variables {"voipbin.call.digits":"12"}', 'complete']);
  });

  it('is done at once when digits pressed before it already satisfy it (dtmf_receive too)', async () => {
    const { run, did } = fakeRun('dtmf_receive', { duration: 5000, key: '#' }, { digits: '7#' });
    await dtmfReceive.start(run);
    expect(did).toEqual(['variables {"voipbin.call.digits":"7#"}', 'complete']);
  });

  it('goes on with the flow when the digits cannot be stored, rather than leaving the call waiting', async () => {
    const { run, did } = fakeRun('digits_receive', { duration: 5000, length: 1 }, { digits: '1' });
    run.setVariables = async () => Promise.reject(new Error('flow-manager away'));
    await expect(digitsReceive.start(run)).rejects.toThrow('flow-manager away');
    expect(did).toEqual(['complete']);
  });
});
