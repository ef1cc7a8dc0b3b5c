#!/usr/bin/env node
// Writes docs/events.md from the event catalogs in packages/contracts (built first:
// `npm run build && node scripts/events-doc.mjs`). A test fails while the file is stale.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventCatalogs, eventsMarkdown } from '../packages/contracts/dist/index.js';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'events.md');
writeFileSync(target, eventsMarkdown(eventCatalogs));
process.stdout.write(`wrote ${target}\n`);
