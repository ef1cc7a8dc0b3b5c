import { needsService } from './refused.js';

/** `agent_call`: ringing an agent needs agent-manager. */
export const agentCall = needsService<'agent_call'>('agent-manager', 'ringing an agent');
