import { createHash } from 'node:crypto';
import type { EventEnvelope } from '@voxmesh/wire';

/**
 * An event read twice (a redelivery after a crash between writing the outbox and
 * acknowledging) must not become two deliveries, so its key is derived from its bytes
 * rather than drawn at random. Two events with identical content are one event.
 */
export function eventKeyOf(event: EventEnvelope): string {
  return createHash('sha256')
    .update(JSON.stringify([event.type, event.publisher ?? '', event.data ?? null]))
    .digest('hex')
    .slice(0, 40);
}

/** A UUID-shaped id derived from its parts: the same parts always give the same id. */
export function derivedId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  // Version 8 (custom) and the RFC 4122 variant, so it reads as a well-formed UUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
