import { describe, expect, it } from '@jest/globals';
import { STOCK_MODULES, type EslEvent } from '../src/index.js';
import { switchUnderTest } from './helpers/switch-under-test.js';

/** mod_dptools' `say`, run by sendmsg and by uuid_broadcast's `app::args` form. */
describe('the say application', () => {
  const sw = switchUnderTest({ timeScale: 0.01, modules: [...STOCK_MODULES] });

  const execute = (uuid: string, arg: string): Promise<EslEvent> => sw.execute(uuid, 'say', arg);

  it('says four or five arguments, and says nothing for fewer (the switch logs its usage)', async () => {
    const uuid = sw.sim.placeCall({ from: '1000', to: '2000' });
    const said = await execute(uuid, 'en number iterated 1234');
    expect(said.get('Application')).toBe('say');
    await execute(uuid, 'en:en number pronounced FEMININE 12');
    const started = Date.now();
    await execute(uuid, 'en number 1234');
    expect(Date.now() - started).toBeLessThan(500);
    expect(sw.sim.getCall(uuid).applications.filter((app) => app.name === 'say').map((app) => app.arg)).toEqual(['en number iterated 1234', 'en:en number pronounced FEMININE 12', 'en number 1234']);
    expect(sw.sim.getCall(uuid).destroyed).toBe(false);
  });

  it('runs from uuid_broadcast without ending the call', async () => {
    const uuid = sw.sim.placeCall({ from: '1000', to: '2000' });
    expect(await sw.client.api(`uuid_broadcast ${uuid} 'say::en number iterated 42' aleg`)).toContain('+OK');
    await sw.log.waitForEvent('CHANNEL_EXECUTE_COMPLETE', uuid, (e) => e.get('Application') === 'say', 5000);
    expect(sw.sim.getCall(uuid).destroyed).toBe(false);
  });
});
