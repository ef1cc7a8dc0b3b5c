import { describe, expect, it } from '@jest/globals';
import { compileCallflow } from '../compiler.js';

describe('faxbox and receive_fax modules', () => {
  it('receive the fax (into the box for faxbox), then end the call', () => {
    const box = 'a4b1f2c00000400080000000000000f1';
    expect(compileCallflow({ module: 'faxbox', data: { id: box } }).map((action) => [action.type, action.option])).toEqual([
      ['receive_fax', { faxbox_id: box }],
      ['stop', {}],
    ]);
    expect(compileCallflow({ module: 'receive_fax', data: { media: { fax_option: true } } }).map((action) => action.type)).toEqual(['receive_fax', 'stop']);
  });

  it("takes Kazoo's faxbox_id spelling too, and refuses a faxbox without a box id naming the field", () => {
    const box = 'a4b1f2c00000400080000000000000f1';
    expect(compileCallflow({ module: 'faxbox', data: { faxbox_id: box, media: { fax_option: 'auto' } } })[0]!.option).toEqual({ faxbox_id: box });
    expect(() => compileCallflow({ module: 'faxbox', data: { id: 'nope' } })).toThrow(/id/);
    expect(() => compileCallflow({ module: 'faxbox', data: {} })).toThrow(/id/);
  });
});
