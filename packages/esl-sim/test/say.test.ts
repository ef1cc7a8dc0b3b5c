import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { EslSimulator, STOCK_MODULES, type EslEvent } from '../src/index.js';
import { EventLog } from './helpers/event-log.js';
import { RawClient } from './helpers/raw-client.js';

/** mod_dptools' `say`, run by sendmsg and by uuid_broadcast's `app::args` form. */
describe('the say application', () => {
  let sim: EslSimulator;
  let client: RawClient;
  let log: EventLog;
  let counter = 0;

  beforeEach(async () => {
    sim = new EslSimulator({ timeScale: 0.01, modules: [...STOCK_MODULES] });
    const { esl } = await sim.start();
    client = await RawClient.login(esl.port);
    log = new EventLog(sim);
  });

  afterEach(async () => {
    log.stop();
    await client.close();
    await sim.stop();
  });

  const execute = async (uuid: string, arg: string): Promise<EslEvent> => {
    const appUuid = `say-${++counter}`;
    await client.command(`sendmsg ${uuid}\ncall-command: execute\nexecute-app-name: say\nexecute-app-arg: ${arg}\nEvent-UUID: ${appUuid}`);
    return log.waitForEvent('CHANNEL_EXECUTE_COMPLETE', uuid, (e) => e.get('Application-UUID') === appUuid, 5000);
  };

  it('says four or five arguments, and says nothing for fewer (the switch logs its usage)', async () => {
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    const said = await execute(uuid, 'en number iterated 1234');
    expect(said.get('Application')).toBe('say');
    await execute(uuid, 'en:en number pronounced FEMININE 12');
    const started = Date.now();
    await execute(uuid, 'en number 1234');
    expect(Date.now() - started).toBeLessThan(500);
    expect(sim.getCall(uuid).applications.filter((app) => app.name === 'say').map((app) => app.arg)).toEqual(['en number iterated 1234', 'en:en number pronounced FEMININE 12', 'en number 1234']);
    expect(sim.getCall(uuid).destroyed).toBe(false);
  });

  it('runs from uuid_broadcast without ending the call', async () => {
    const uuid = sim.placeCall({ from: '1000', to: '2000' });
    expect(await client.api(`uuid_broadcast ${uuid} 'say::en number iterated 42' aleg`)).toContain('+OK');
    await log.waitForEvent('CHANNEL_EXECUTE_COMPLETE', uuid, (e) => e.get('Application') === 'say', 5000);
    expect(sim.getCall(uuid).destroyed).toBe(false);
  });
});
