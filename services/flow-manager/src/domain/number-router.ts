import { VoipError } from '@voxmesh/wire';
import type { NumberRoutes } from '../actions/types.js';
import type { FlowService } from './flows.js';

/** The flow routing incoming calls use, for actions that route a number themselves (a menu's hunt). */
export class NumberRouter implements NumberRoutes {
  constructor(private readonly flows: Pick<FlowService, 'route'>) {}

  async route(number: string): Promise<{ flow_id: string; account_id: string; variables: Record<string, string> } | undefined> {
    try {
      const reply = await this.flows.route(number);
      return { flow_id: reply.flow_id, account_id: reply.account_id, variables: reply.variables };
    } catch (error) {
      if (error instanceof VoipError && error.status === 'NOT_FOUND') return undefined;
      throw error;
    }
  }
}
