import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import { routeLookup } from './route_lookup.js';
import type { NumberRoutes } from './types.js';

const routes: NumberRoutes = {
  route: async (number) =>
    number === '2001' ? { flow_id: 'f-ann', account_id: 'acc-1', variables: { 'voipbin.route.number': '2001' } } : number === '3001' ? { flow_id: 'f-other', account_id: 'acc-2', variables: {} } : undefined,
};

async function lookup(option: Record<string, unknown>) {
  const asked: string[] = [];
  const run = fakeContext('route_lookup', { false_target_id: 'invalid', ...option }, { deps: { routes: { route: (number) => (asked.push(number), routes.route(number)) } } });
  await routeLookup.run(run.context);
  return { jumped: run.jumps.length > 0, flow: run.variables['voipbin.route.flow_id'], variables: run.variables, asked };
}

describe('route_lookup', () => {
  it("falls through with the account's flow and the route's variables, the terminating # left out", async () => {
    expect(await lookup({ number: '2001#' })).toMatchObject({ jumped: false, flow: 'f-ann', variables: { 'voipbin.route.number': '2001' } });
  });

  it("jumps for a number nothing answers, another account's, an empty one, or one allow or deny refuses", async () => {
    expect((await lookup({ number: '9999' })).jumped).toBe(true);
    expect(await lookup({ number: '3001' })).toMatchObject({ jumped: true, flow: undefined });
    expect(await lookup({ number: '#' })).toMatchObject({ jumped: true, asked: [] });
    expect(await lookup({ number: '2001', allow: '^3' })).toMatchObject({ jumped: true, asked: [] });
    expect(await lookup({ number: '2001', deny: '^20' })).toMatchObject({ jumped: true, asked: [] });
    expect(await lookup({ number: '2001', allow: '^2', deny: '^29' })).toMatchObject({ jumped: false, asked: ['2001'] });
  });
});
