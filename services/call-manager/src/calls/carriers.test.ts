import { describe, expect, it } from '@jest/globals';
import type { customerManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import { CarrierDirectory, toE164 } from './carriers.js';

type Resource = customerManager.Resource;

const resource = (id: string, extra: Partial<Resource>): Resource => ({ id, scope: 'acct', name: id, gateways: [{ server: `${id}.example` }], created: '', updated: '', ...extra });

function directory(byScope: Record<string, Resource[]>) {
  const client = { call: async (_name: string, request: { params: { scope: string } }) => ({ result: byScope[request.params.scope] ?? [] }) } as unknown as RpcClient<customerManager.CustomerManagerRoutes>;
  return new CarrierDirectory(client);
}

const request = (number: string, extra: Partial<Parameters<CarrierDirectory['legs']>[0]> = {}) => ({ accountId: 'acct', number, local: true, flags: [], bypassE164: false, callerId: { number: '+15550001', name: 'Alice' }, ...extra });

describe('carriers', () => {
  it("makes numbers E.164 as Kazoo's default converters do", () => {
    expect(['2125550100', '12125550100', '+442071234567', '011442071234567', '00442071234567', '1234'].map(toE164)).toEqual([
      '+12125550100',
      '+12125550100',
      '+442071234567',
      '+442071234567',
      '+442071234567',
      '1234',
    ]);
  });

  it('tries matching carriers cheapest first, each enabled gateway in order, sending the capture between prefix and suffix', async () => {
    const found = await directory({
      acct: [
        resource('dear', { weight_cost: 80, rules: ['^\\+1\\d{10}$'] }),
        resource('cheap', { weight_cost: 10, rules: ['^\\+1(\\d{10})$'], gateways: [{ server: 'a.cheap.example', prefix: '9', suffix: '#' }, { server: 'b.cheap.example', enabled: false }, { server: 'c.cheap.example', port: 5080 }] }),
        resource('uk', { rules: ['^\\+44\\d+$'] }),
        resource('off', { enabled: false, rules: ['.*'] }),
        resource('norules', {}),
      ],
    }).legs(request('2125550100'));
    expect(found.map((leg) => leg.endpoint)).toEqual([
      'sofia/external/92125550100#@a.cheap.example',
      'sofia/external/2125550100@c.cheap.example:5080',
      'sofia/external/+12125550100@dear.example',
    ]);
  });

  it("uses the platform's carriers when not local, keeps only those with every flag asked for, and can bypass E.164", async () => {
    const carriers = directory({ system: [resource('fax', { rules: ['.*'], flags: ['fax', 't38'] }), resource('voice', { rules: ['.*'] })], acct: [resource('own', { rules: ['.*'] })] });
    expect((await carriers.legs(request('2125550100', { local: false, flags: ['fax'] }))).map((leg) => leg.resourceId)).toEqual(['fax']);
    expect((await carriers.legs(request('2125550100', { bypassE164: true }))).map((leg) => leg.endpoint)).toEqual(['sofia/external/2125550100@own.example']);
  });

  it('keeps a carrier with cid_rules for callers whose number matches one, and formats the caller ID per carrier', async () => {
    const carriers = directory({
      acct: [
        resource('nanp-only', { rules: ['.*'], weight_cost: 1, cid_rules: ['^\\+1\\d{10}$'], formatters: { caller_id_number: { regex: '^\\+1(\\d{10})$', prefix: '1' } } }),
        resource('any', {
          rules: ['.*'],
          formatters: {
            outbound_caller_id_number: [{ regex: '^\\+44(\\d+)$', prefix: '0' }, { direction: 'inbound', prefix: 'x' }, { prefix: '00', regex: '^\\+(\\d+)$' }],
            caller_id_name: { strip: true },
            diversion: [{ match_invite_format: true }],
          },
        }),
      ],
    });
    const us = await carriers.legs(request('2125550100', { callerId: { number: '+12125559999', name: 'Alice' } }));
    expect(us.map((leg) => [leg.resourceId, leg.callerId])).toEqual([
      ['nanp-only', { number: '12125559999', name: 'Alice' }],
      ['any', { number: '0012125559999', name: '' }],
    ]);
    const uk = await carriers.legs(request('2125550100', { callerId: { number: '+442071234567', name: 'Bob' } }));
    expect(uk.map((leg) => [leg.resourceId, leg.callerId])).toEqual([['any', { number: '02071234567', name: '' }]]);
  });
});
