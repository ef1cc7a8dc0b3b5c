/** How a called number behaves when the simulator dials it. */
export type AnswerBehaviour = 'answer' | 'busy' | 'no_answer' | 'reject';
export const ANSWER_BEHAVIOURS: readonly AnswerBehaviour[] = ['answer', 'busy', 'no_answer', 'reject'];

export interface Destination {
  answer: AnswerBehaviour;
  /** When the callee acts (answers, or refuses), in simulated ms after the call reaches it. */
  after_ms: number;
  /** What an answering-machine detector hears once it answers. */
  amd: 'human' | 'machine';
  /** Whether it sends early media (183) while ringing, not only 180. */
  early_media: boolean;
  /** It answers as a fax machine: it receives what txfax sends. */
  fax?: boolean;
}

/** The number whose entry applies to every number without its own. */
export const ANY_DESTINATION = '*';

const BUILT_IN: Destination = { answer: 'answer', after_ms: 1000, amd: 'human', early_media: false };

/**
 * Destinations set through the control API. A number without an entry follows the
 * `*` entry, and without that answers after a second of ringing.
 */
export class DestinationTable {
  private readonly entries = new Map<string, Destination>();

  set(number: string, destination: Destination): void {
    this.entries.set(number, destination);
  }

  delete(number: string): boolean {
    return this.entries.delete(number);
  }

  lookup(number: string): Destination {
    return this.entries.get(number) ?? this.entries.get(ANY_DESTINATION) ?? BUILT_IN;
  }

  /**
   * The entry for one leg: `<number>@<host>` first when the endpoint names a host (one
   * carrier's server, so carriers dialled for the same number can behave apart), then
   * the number as `lookup` finds it.
   */
  lookupLeg(endpoint: string, number: string): Destination {
    const host = /@([^;/:]+)/.exec(endpoint)?.[1];
    return (host !== undefined ? this.entries.get(`${number}@${host}`) : undefined) ?? this.lookup(number);
  }

  list(): Record<string, Destination> {
    return Object.fromEntries(this.entries);
  }
}
