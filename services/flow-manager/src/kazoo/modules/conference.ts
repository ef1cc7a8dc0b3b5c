import { flowManager } from '@voxmesh/contracts';
import { readData, skip } from '../ringing.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** `conference`: the caller joins the conference `id` or the ad hoc `config`; the call ends when it leaves, as cf_conference stops the callflow. */
export const conference: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = readData(context, flowManager.callflowModuleCatalog.conference.data);
    if (data.skip_module === true) return skip(context);
    if (!data.id && !data.config) context.invalid('id', 'or data.config is required');
    const option: Record<string, unknown> = data.id ? { conference_id: data.id } : { config: data.config };
    if (typeof data.moderator === 'boolean') option.moderator = data.moderator;
    if (data.welcome_prompt?.play === false) option.welcome = false;
    context.emit('conference_enter', option).next_id = context.emit('stop', {}).id;
    return undefined;
  },
};
