import { hash } from 'node:crypto';
import type { EventEnvelope } from '@voxmesh/wire';

/**
 * An event read twice (a redelivery after a crash between writing the outbox and
 * acknowledging) must not become two deliveries, so its key is derived from its bytes
 * rather than drawn at random. Two events with identical content are one event.
 */
export function eventKeyOf(event: EventEnvelope): string {
  return hash('sha256', JSON.stringify([event.type, event.publisher ?? '', event.data ?? null]), 'hex').slice(0, 40);
}

/** A UUID-shaped id derived from its parts: the same parts always give the same id. */
export function derivedId(...parts: string[]): string {
  return uuidOf(hash('sha256', parts.join('\u0000'), 'hex'), 0);
}

/**
 * A delivery's id and its event id (X-Event-ID), both derived from the target and the
 * event's key: one digest, whose halves make the two ids, where two digests used to.
 */
export function deliveryIds(target: string, eventKey: string): { id: string; eventId: string } {
  const hex = hash('sha256', `delivery\u0000${target}\u0000${eventKey}`, 'hex');
  return { id: uuidOf(hex, 0), eventId: uuidOf(hex, 32) };
}

/** 32 hex digits from `at` as a UUID of version 8 (custom) and the RFC 4122 variant, so it reads as a well-formed one. */
function uuidOf(hex: string, at: number): string {
  const variant = ((parseInt(hex[at + 16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(at, at + 8)}-${hex.slice(at + 8, at + 12)}-8${hex.slice(at + 13, at + 16)}-${variant}${hex.slice(at + 17, at + 20)}-${hex.slice(at + 20, at + 32)}`;
}
