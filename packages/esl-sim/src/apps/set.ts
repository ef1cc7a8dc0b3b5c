import type { AppHandler } from './types.js';

/** `set name=value`; an empty value or no `=` unsets the variable. */
export const set: AppHandler = async ({ session }, arg) => {
  const eq = arg.indexOf('=');
  const name = (eq < 0 ? arg : arg.slice(0, eq)).trim();
  if (name === '') return;
  session.channel.setVariable(name, eq < 0 ? undefined : arg.slice(eq + 1));
};
