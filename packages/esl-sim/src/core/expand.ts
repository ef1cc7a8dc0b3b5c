/**
 * `switch_channel_expand_variables`, reduced to what dialplan arguments use:
 * `${name}` becomes the channel variable (empty when unset), innermost first so that
 * `${a_${b}}` works. `$${global}` is left alone: the simulator has no globals.
 */
export function expandVariables(text: string, lookup: (name: string) => string | undefined): string {
  if (!text.includes('${')) return text;
  let current = text;
  for (let guard = 0; guard < 16; guard++) {
    const next = current.replace(/(?<!\$)\$\{([^${}]+)\}/g, (_, name: string) => lookup(name.trim()) ?? '');
    if (next === current) return next;
    current = next;
  }
  return current;
}
