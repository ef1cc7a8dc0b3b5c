import type { AppHandler } from './types.js';

/**
 * `export [nolocal:]name=value`: sets the variable here (unless nolocal), on the leg
 * bridged to this one, and adds it to `export_vars` so that legs dialled later get it.
 */
export const exportVar: AppHandler = async ({ session, core }, arg) => {
  let text = arg;
  const local = !text.startsWith('nolocal:');
  if (!local) text = text.slice('nolocal:'.length);
  const eq = text.indexOf('=');
  const name = (eq < 0 ? text : text.slice(0, eq)).trim();
  if (name === '') return;
  const value = eq < 0 ? undefined : text.slice(eq + 1);
  const ch = session.channel;
  if (local) ch.setVariable(name, value);
  if (!local) ch.setVariable(`nolocal:${name}`, value);
  const exported = (ch.getVariable('export_vars') ?? '').split(',').filter((v) => v !== '');
  if (!exported.includes(name)) ch.setVariable('export_vars', [...exported, name].join(','));
  const partner = ch.bridgedTo ? core.locate(ch.bridgedTo.uuid) : undefined;
  partner?.channel.setVariable(name, value);
};
