export * from './private-ranges.js';
export * from './target-guard.js';
