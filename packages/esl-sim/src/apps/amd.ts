import type { AppHandler } from './types.js';

/**
 * `amd` (mod_amd, answering machine detection): listens for a while and sets
 * `amd_result` (HUMAN or MACHINE) and `amd_cause`, as the destination was set up.
 */
export const amd: AppHandler = async ({ session }) => {
  const machine = session.amd === 'machine';
  const outcome = await session.wait(machine ? 3500 : 1500);
  if (outcome.outcome === 'hangup') return;
  session.channel.setVariable('amd_result', machine ? 'MACHINE' : 'HUMAN');
  session.channel.setVariable('amd_cause', machine ? 'LONGGREETING' : 'HUMAN');
};
