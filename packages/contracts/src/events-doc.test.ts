import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { eventCatalogs } from './events.js';
import { eventsMarkdown } from './events-doc.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('docs/events.md', () => {
  it('is what the event catalogs generate', () => {
    const committed = readFileSync(join(root, 'docs', 'events.md'), 'utf8');
    const generated = eventsMarkdown(eventCatalogs);
    if (committed !== generated) {
      throw new Error('docs/events.md is stale: run `npm run build && node scripts/events-doc.mjs` and commit the result');
    }
  });

  it('names every declared event with its publisher and when it is sent', () => {
    const doc = eventsMarkdown(eventCatalogs);
    for (const catalog of Object.values(eventCatalogs)) {
      for (const [type, spec] of Object.entries(catalog.events)) {
        expect(doc).toContain(`| [\`${type}\`](#${type}) | ${catalog.service} | ${spec.summary} |`);
        expect(doc).toContain(`### ${type}\n\nPublisher: ${catalog.service}. ${spec.summary}`);
      }
    }
    expect(doc).toContain('| `digit` | string | yes | One of 0-9, *, #, A-D. |');
    expect(doc).toContain('| `account_id` | string or null | yes | The account whose config changed; null for the system\'s. |');
  });

  it('has each event type declared by one publisher only: subscribers dispatch on the type', () => {
    const owners = new Map<string, string>();
    for (const catalog of Object.values(eventCatalogs)) {
      for (const type of Object.keys(catalog.events)) {
        expect(owners.get(type)).toBeUndefined();
        owners.set(type, catalog.service);
      }
    }
    expect(Object.entries(eventCatalogs).every(([service, catalog]) => catalog.service === service)).toBe(true);
  });
});
