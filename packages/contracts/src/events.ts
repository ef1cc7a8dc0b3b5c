import { callManagerEvents } from './call-manager/events.js';
import { customerManagerEvents } from './customer-manager/events.js';
import { flowManagerEvents } from './flow-manager/events.js';
import { webhookManagerEvents } from './webhook-manager/events.js';

/**
 * Every service's event catalog by publisher: subscribers pick theirs from here, and
 * `docs/events.md` is generated from it. An event type names one event across the mesh
 * (subscribers dispatch by type), so no two catalogs declare the same type.
 */
export const eventCatalogs = {
  'call-manager': callManagerEvents,
  'customer-manager': customerManagerEvents,
  'flow-manager': flowManagerEvents,
  'webhook-manager': webhookManagerEvents,
} as const;

export type EventCatalogs = typeof eventCatalogs;
