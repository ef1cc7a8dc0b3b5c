import { DIGITS_VARIABLE } from '../calls/variables.js';
import type { ActionHandler, ActionRun } from './types.js';

type Gather = 'digits_receive' | 'dtmf_receive';

/** voipbin's condition: `length` digits, or any digit that is one of the `key`s. */
export function gathered(digits: string, option: { length?: number | undefined; key?: string | undefined }): boolean {
  if (option.length !== undefined && digits.length >= option.length) return true;
  const keys = option.key ?? '';
  return keys !== '' && [...digits].some((digit) => keys.includes(digit));
}

async function finish(run: ActionRun<Gather>): Promise<void> {
  if (!run.active) return;
  const digits = run.digits(true);
  try {
    await run.setVariables({ [DIGITS_VARIABLE]: digits });
  } finally {
    // Digits that could not be stored (flow-manager away past every retry) must not leave the call waiting for ever.
    await run.complete();
  }
}

/**
 * `digits_receive`: collects DTMF into `voipbin.call.digits` until `length` digits, a
 * `key`, or `duration` ms (a delayed message to call-manager itself). Digits pressed
 * during the prompt before it count, so a caller who knows the menu need not wait.
 */
export function gatherDigits<T extends Gather>(): ActionHandler<T> {
  return {
    manual: true,
    async start(run) {
      const option = run.action.option;
      if (gathered(run.digits(), option) || option.duration === 0) return finish(run as ActionRun<Gather>);
      await run.timeoutAfter(option.duration);
    },
    async onDigit(run) {
      if (gathered(run.digits(), run.action.option)) await finish(run as ActionRun<Gather>);
    },
    async onTimeout(run) {
      await finish(run as ActionRun<Gather>);
    },
  };
}

export const digitsReceive = gatherDigits<'digits_receive'>();
/** `dtmf_receive`: the seed's name of digits_receive. */
export const dtmfReceive = gatherDigits<'dtmf_receive'>();
