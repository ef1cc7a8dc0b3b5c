import { compilePattern, type CompiledPattern } from './routing.js';

export interface PatternSource {
  /** Changes whenever a pattern is added or removed (one small row to read). */
  patternGeneration(): Promise<number>;
  allPatterns(): Promise<{ pattern: string; flow_id: string }[]>;
}

/**
 * The route patterns of every flow, compiled, kept per replica. A lookup reads the
 * generation counter and reuses what it has while that has not moved, so an inbound call
 * costs one primary-key read however many patterns there are; a change made on any
 * replica is seen by the next lookup everywhere.
 */
export class PatternIndex {
  private current: { generation: number; patterns: CompiledPattern[] } | undefined;
  private loading: { generation: number; done: Promise<CompiledPattern[]> } | undefined;

  constructor(private readonly source: PatternSource) {}

  async patterns(): Promise<readonly CompiledPattern[]> {
    // The generation is read before the patterns: a change landing in between leaves a
    // newer list under an older number, which only costs one more reload.
    const generation = await this.source.patternGeneration();
    if (this.current?.generation === generation) return this.current.patterns;
    if (this.loading?.generation === generation) return this.loading.done;
    const done = this.load(generation);
    this.loading = { generation, done };
    try {
      return await done;
    } finally {
      if (this.loading?.done === done) this.loading = undefined;
    }
  }

  private async load(generation: number): Promise<CompiledPattern[]> {
    const rows = await this.source.allPatterns();
    const known = new Map((this.current?.patterns ?? []).map((each) => [each.pattern, each.regex]));
    const patterns: CompiledPattern[] = [];
    for (const row of rows) {
      let regex = known.get(row.pattern);
      if (!regex) {
        try {
          regex = compilePattern(row.pattern);
        } catch {
          // Checked when stored; one written by an older version that no longer compiles routes nothing.
          continue;
        }
      }
      patterns.push({ pattern: row.pattern, flow_id: row.flow_id, regex });
    }
    // Generations only grow: a slower load of an older one does not replace a newer list.
    if (!this.current || this.current.generation < generation) this.current = { generation, patterns };
    return patterns;
  }
}
