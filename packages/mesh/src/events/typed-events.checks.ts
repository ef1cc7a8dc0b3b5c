import { z } from 'zod';
import { defineEvents } from '@voxmesh/wire';
import type { EventPublisher, UntypedEventPublisher } from './event-publisher.js';
import { subscriptions } from './subscriptions.js';

/**
 * Compile-time checks of typed events, run by `tsc -b` (never called): each
 * `@ts-expect-error` must meet an error, so the build fails the day an undeclared type, or
 * data that does not fit, would compile.
 */
const catalog = defineEvents('checks', {
  thing_created: { summary: 'A thing was made.', data: z.object({ id: z.string(), size: z.number().int() }) },
  thing_deleted: { summary: 'A thing went.', data: z.object({ id: z.string() }) },
});

export async function publishChecks(events: EventPublisher<typeof catalog>): Promise<void> {
  await events.publish('thing_created', { id: 't', size: 3 });
  // @ts-expect-error: thing_renamed is not declared
  await events.publish('thing_renamed', { id: 't' });
  // @ts-expect-error: size must be a number
  await events.publish('thing_created', { id: 't', size: 'big' });
  // @ts-expect-error: size is missing
  await events.publish('thing_created', { id: 't' });
}

export async function untypedChecks(events: UntypedEventPublisher): Promise<void> {
  // @ts-expect-error: a service's publisher takes nothing until typed by its catalog
  await events.publish('thing_created', { id: 't', size: 3 });
  await events.typed(catalog).publish('thing_created', { id: 't', size: 3 });
}

export function subscribeChecks(): void {
  subscriptions(
    { checks: catalog },
    {
      checks: {
        thing_created: (thing) => {
          const size: number = thing.size;
          // @ts-expect-error: a thing_created has no name
          void thing.name;
          void size;
        },
        // @ts-expect-error: thing_renamed is not declared, so it cannot be listened to
        thing_renamed: () => undefined,
      },
    },
  );
  // @ts-expect-error: no catalog is given for elsewhere
  subscriptions({ checks: catalog }, { elsewhere: {} });
}
