import { describe, expect, it } from '@jest/globals';
import { PatternIndex, type PatternSource } from './pattern-index.js';
import { bestMatch } from './routing.js';

class FakeSource implements PatternSource {
  generation = 0;
  rows: { pattern: string; flow_id: string }[] = [];
  reads = 0;

  async patternGeneration(): Promise<number> {
    return this.generation;
  }

  async allPatterns(): Promise<{ pattern: string; flow_id: string }[]> {
    this.reads++;
    return [...this.rows];
  }
}

describe('PatternIndex', () => {
  it('reads the patterns once while the generation stays, and again when it moves', async () => {
    const source = new FakeSource();
    source.rows = [{ pattern: '^9\\d\\d', flow_id: 'f1' }];
    const index = new PatternIndex(source);
    expect(bestMatch('9123', await index.patterns())?.flowId).toBe('f1');
    expect(bestMatch('9123', await index.patterns())?.flowId).toBe('f1');
    expect(source.reads).toBe(1);

    // The longer match wins once the new pattern is seen.
    source.rows = [{ pattern: '^9\\d\\d', flow_id: 'f1' }, { pattern: '^9123', flow_id: 'f2' }];
    source.generation = 1;
    expect(bestMatch('9123', await index.patterns())?.flowId).toBe('f2');
    expect(source.reads).toBe(2);

    source.rows = [];
    source.generation = 2;
    expect(bestMatch('9123', await index.patterns())).toBeUndefined();
  });

  it('shares one read among lookups that arrive while it runs', async () => {
    const source = new FakeSource();
    source.rows = [{ pattern: '^1', flow_id: 'f1' }];
    const index = new PatternIndex(source);
    const lists = await Promise.all(Array.from({ length: 20 }, () => index.patterns()));
    expect(source.reads).toBe(1);
    expect(lists.every((list) => list.length === 1)).toBe(true);
  });

  it('leaves out a stored pattern that no longer compiles instead of failing every lookup', async () => {
    const source = new FakeSource();
    source.rows = [{ pattern: '(', flow_id: 'broken' }, { pattern: '^5', flow_id: 'f5' }];
    const index = new PatternIndex(source);
    expect((await index.patterns()).map((each) => each.flow_id)).toEqual(['f5']);
  });
});
