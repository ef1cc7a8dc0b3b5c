import { customerManager } from '@voxmesh/contracts';
import { parseJson } from '@voxmesh/wire';

/**
 * Kazoo's `sup` maintenance calls this platform answers, on account and system
 * configuration: `kapps_config` works on the system document of a category (its
 * defaults for every account), `kapps_account_config` on one account's.
 */
export type SupCommand =
  | { scope: 'system'; verb: 'get' | 'unset'; category: string; key: string }
  | { scope: 'system'; verb: 'set'; category: string; key: string; value: unknown }
  | { scope: 'account'; verb: 'get' | 'unset'; accountId: string; category: string; key: string }
  | { scope: 'account'; verb: 'set'; accountId: string; category: string; key: string; value: unknown };

export const SUP_USAGE = [
  'usage: sup [flags] <module> <function> <arguments…>',
  '  sup kapps_config get <category> <key>',
  '  sup kapps_config set_default <category> <key> <value>     (set works too)',
  '  sup kapps_config unset <category> <key>',
  '  sup kapps_account_config get <account_id> <category> <key>',
  '  sup kapps_account_config set <account_id> <category> <key> <value>',
  '  sup kapps_account_config unset <account_id> <category> <key>',
  'A value is read as JSON when it is JSON (true, 12, {"a":1}, "quoted"), else as the string it is.',
].join('\n');

/** A bad command line: sup prints the message and its usage and exits 2. */
export class SupUsageError extends Error {}

/** A value as sup reads it: JSON when it parses (`true`, `800`, an object), else the string itself. */
export function supValue(text: string): unknown {
  try {
    return parseJson(text);
  } catch {
    return text;
  }
}

function checked(category: string, key: string): void {
  if (!customerManager.configCategorySchema.safeParse(category).success) throw new SupUsageError(`bad category ${category}: 1-64 of a-z 0-9 _ . -`);
  if (key.length === 0 || key.length > 128) throw new SupUsageError('the key is 1 to 128 characters');
}

function arity(args: readonly string[], count: number, form: string): void {
  if (args.length !== count) throw new SupUsageError(`${form} takes ${count} arguments, ${args.length} given`);
}

/** The command a command line (after the flags) names. */
export function readSupCommand(words: readonly string[]): SupCommand {
  const [module, verb, ...args] = words;
  if (module === undefined || verb === undefined) throw new SupUsageError('a module and a function are needed');
  if (module === 'kapps_config') {
    if (verb === 'get' || verb === 'unset') {
      arity(args, 2, `kapps_config ${verb}`);
      checked(args[0]!, args[1]!);
      return { scope: 'system', verb, category: args[0]!, key: args[1]! };
    }
    if (verb === 'set_default' || verb === 'set') {
      arity(args, 3, `kapps_config ${verb}`);
      checked(args[0]!, args[1]!);
      return { scope: 'system', verb: 'set', category: args[0]!, key: args[1]!, value: supValue(args[2]!) };
    }
  } else if (module === 'kapps_account_config') {
    if (verb === 'get' || verb === 'unset') {
      arity(args, 3, `kapps_account_config ${verb}`);
      checked(args[1]!, args[2]!);
      return { scope: 'account', verb, accountId: args[0]!, category: args[1]!, key: args[2]! };
    }
    if (verb === 'set') {
      arity(args, 4, 'kapps_account_config set');
      checked(args[1]!, args[2]!);
      return { scope: 'account', verb, accountId: args[0]!, category: args[1]!, key: args[2]!, value: supValue(args[3]!) };
    }
  } else {
    throw new SupUsageError(`unknown module ${module}`);
  }
  throw new SupUsageError(`unknown function ${module} ${verb}`);
}
