import type { AppHandler } from './types.js';

/**
 * `socket <host:port>[|<host:port>…] [async] [full]` (mod_event_socket's outbound
 * mode): connects to the first application that accepts, waits for its `connect`,
 * then parks the call under its control until it hangs up or the socket goes.
 */
export const socket: AppHandler = async ({ session, core }, arg) => {
  const [targets = '', ...flags] = arg.trim().split(/\s+/);
  const options = { async: flags.includes('async'), full: flags.includes('full') };
  const connection = await core.connector.connect(session, targets.split('|').filter((t) => t !== ''), options);
  if (!connection || !session.up) return;
  if (!(await connection.connected)) return;
  await session.park();
};
