import { splitArgs } from '../core/args.js';
import type { Session } from '../core/session.js';
import type { ApiHandler } from './types.js';

export const ORIGINATE_SYNTAX = '<call url> <exten>|&<application_name>(<app_args>) [<dialplan>] [<context>] [<cid_name>] [<cid_num>] [<timeout_sec>]';

/**
 * `originate <call url> <exten>|&app(args) [dialplan] [context] [cid_name] [cid_num]
 * [timeout_sec]`: returns when the leg answers (`+OK <uuid>`) or fails (`-ERR
 * <CAUSE>`). The answered leg then runs the application, or the dialplan for an
 * extension (the simulator's dialplan: the outbound socket, else park).
 */
export const originate: ApiHandler = async ({ core }, arg) => {
  const args = splitArgs(arg);
  const [url, target, dialplan, context, cidName, cidNum, timeout] = args;
  if (!url || !target) return `-USAGE: ${ORIGINATE_SYNTAX}\n`;
  const app = /^&([^(\s]+)(?:\((.*)\))?$/s.exec(target);
  const legs: Session[] = [];
  const options: Parameters<typeof core.dialer.dial>[1] = { hitDialplan: !app, onLeg: (leg) => legs.push(leg) };
  if (cidName !== undefined && cidName !== 'undef') options.callerIdName = cidName;
  if (cidNum !== undefined && cidNum !== 'undef') options.callerIdNumber = cidNum;
  const timeoutSec = Number.parseInt(timeout ?? '', 10);
  if (!Number.isNaN(timeoutSec)) options.timeoutSec = timeoutSec;
  const result = await core.dialer.dial(url, options);
  // The answered leg is named in the reply and noted with it; the others are noted here.
  const noteOnOtherLegs = (reply: string) => {
    for (const leg of legs) if (!result.ok || leg !== result.leg) leg.channel.history.apis.push({ command: 'originate', arg, reply: reply.trimEnd() });
    return reply;
  };
  if (!result.ok) return noteOnOtherLegs(`-ERR ${result.cause}\n`);
  const leg = result.leg;
  if (app) {
    const [, name = '', appArg] = app;
    leg.startDialplan(async () => {
      leg.setState('CS_EXECUTE');
      await leg.runApp(name, appArg === '' ? undefined : appArg);
    });
  } else {
    leg.channel.profile.destinationNumber = target;
    if (dialplan) leg.channel.profile.dialplan = dialplan;
    if (context) leg.channel.profile.context = context;
    leg.setState('CS_ROUTING');
    leg.setState('CS_EXECUTE');
    core.runDialplan(leg);
  }
  return noteOnOtherLegs(`+OK ${leg.uuid}\n`);
};
