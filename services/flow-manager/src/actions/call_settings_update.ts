import { VoipError } from '@voxmesh/wire';
import { CONTINUE, type ActionContext, type ActionHandler, type CallSettingsDocument } from './types.js';

export const CALL_SETTINGS_RESULT = 'voipbin.call_settings.result';
export const CALL_SETTINGS_NUMBER = 'voipbin.call_settings.number';

type Context = ActionContext<'call_settings_update'>;
type Outcome = 'activated' | 'deactivated' | 'updated' | 'number_missing' | 'unavailable' | 'failed';

/**
 * The document to change: the option's id, else the calling device's owner, else the
 * calling device (cf_do_not_disturb's order; cf_call_forward's without the id).
 */
async function target(context: Context): Promise<CallSettingsDocument | undefined> {
  const candidates = [context.action.option.id ?? '', context.variable('voipbin.call.owner_id'), context.variable('voipbin.call.device_id')];
  for (const id of candidates) {
    if (id.trim() === '') continue;
    const found = await context.deps.callSettings.find(context.state.account_id, id.trim(), context.deps.settings.remoteTimeoutMs);
    if (found) return found;
  }
  return undefined;
}

async function forward(context: Context, document: CallSettingsDocument): Promise<Outcome> {
  const option = context.action.option;
  // A keyed-in number arrives with the `#` that ended it.
  const given = (option.number ?? '').trim().replace(/#+$/, '');
  const number = given !== '' ? given : (document.call_forward.number ?? '');
  context.setVariable(CALL_SETTINGS_NUMBER, number);
  const save = (change: { enabled: boolean; number?: string }) =>
    context.deps.callSettings.save(context.state.account_id, document, { call_forward: change }, context.deps.settings.remoteTimeoutMs);
  const turnOn = async (): Promise<Outcome> => {
    if (number === '') return 'number_missing';
    await save({ enabled: true, number });
    return 'activated';
  };
  switch (option.action) {
    case 'activate':
      return turnOn();
    case 'deactivate':
      await save({ enabled: false });
      return 'deactivated';
    case 'update':
      if (given === '') return 'number_missing';
      await save({ enabled: document.call_forward.enabled === true, number: given });
      return 'updated';
    case 'toggle':
      if (document.call_forward.enabled !== true) return turnOn();
      await save({ enabled: false });
      return 'deactivated';
  }
}

async function doNotDisturb(context: Context, document: CallSettingsDocument): Promise<Outcome> {
  const action = context.action.option.action;
  if (action === 'update') {
    context.fail('CALL_SETTINGS_REFUSED', 'call_settings_update: do_not_disturb has no number to update');
    return 'failed';
  }
  const enabled = action === 'activate' || (action === 'toggle' && document.do_not_disturb.enabled !== true);
  await context.deps.callSettings.save(context.state.account_id, document, { do_not_disturb: { enabled } }, context.deps.settings.remoteTimeoutMs);
  return enabled ? 'activated' : 'deactivated';
}

/**
 * `call_settings_update`: the call forwarding or do-not-disturb feature codes. A number
 * customer-manager refuses, or customer-manager failing, is recorded on the activeflow
 * and left as `failed`; the call goes on to say so.
 */
export const callSettingsUpdate: ActionHandler<'call_settings_update'> = {
  async run(context) {
    let outcome: Outcome;
    try {
      const document = await target(context);
      if (!document) outcome = 'unavailable';
      else outcome = context.action.option.setting === 'call_forward' ? await forward(context, document) : await doNotDisturb(context, document);
    } catch (error) {
      const message = error instanceof VoipError ? `${error.status}: ${error.message}` : String(error);
      context.fail('CALL_SETTINGS_REFUSED', `call_settings_update: ${message}`);
      outcome = 'failed';
    }
    context.setVariable(CALL_SETTINGS_RESULT, outcome);
    return CONTINUE;
  },
};
