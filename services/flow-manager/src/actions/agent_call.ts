import { mediaAction } from './media.js';

/** `agent_call`: Rings an agent; the media layer runs it. */
export const agentCall = mediaAction<'agent_call'>();
