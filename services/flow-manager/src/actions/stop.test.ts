import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import { stop } from './stop.js';

describe('stop', () => {
  it('ends the activeflow', async () => {
    await expect(stop.run(fakeContext('stop', {}).context)).resolves.toEqual({ kind: 'finish', reason: 'stopped' });
  });
});
