import { separateOnSpaces } from '../core/separate-string.js';
import { playWithTerminators } from './media.js';
import type { AppHandler } from './types.js';

/**
 * `say <module_name>[:<lang>] <say_type> <say_method> [<say_gender>] <text>`
 * (mod_dptools.c, say_function, then switch_ivr_say): the argument splits on spaces into
 * at most five parts and must give four or five, else the switch logs its usage and the
 * application ends at once, having said nothing. With five, the fourth is the gender.
 * What is said lasts as a spoken phrase of the text's characters would.
 */
export const say: AppHandler = async ({ session, core }, arg) => {
  const argv = separateOnSpaces(arg.trim(), 5);
  if (argv.length !== 4 && argv.length !== 5) {
    core.logger.warn({ uuid: session.uuid, arg }, 'Usage: <module_name>[:<lang>] <say_type> <say_method> [<say_gender>] <text>');
    return;
  }
  session.channel.setVariable('playback_terminator_used', '');
  const text = argv.length === 4 ? argv[3]! : argv[4]!;
  await playWithTerminators(session, core.prompts.speechMs(text.split('').join(' ')));
};
