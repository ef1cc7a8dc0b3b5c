import type { ApiHandler } from './types.js';

/** `module_exists <mod_name>` (mod_commands.c, module_exists_function): `true` or `false`, no newline; nothing for no name. */
export const moduleExists: ApiHandler = ({ core }, arg) => {
  const name = arg.trim();
  if (name === '') return '';
  return core.modules.has(name) ? 'true' : 'false';
};
