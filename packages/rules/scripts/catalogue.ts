import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueTable } from '../src/checks/catalogue';

/** Writes the check catalogue table into docs/packs.md, below its heading. */
const file = join(__dirname, '..', '..', '..', 'docs', 'packs.md');
const text = readFileSync(file, 'utf8');
const marker = 'Generated from `CHECKS` (`packages/rules/src/checks/index.ts`).\n';
const start = text.indexOf(marker) + marker.length;
const end = text.indexOf('\n## ', start);
writeFileSync(file, `${text.slice(0, start)}\n${catalogueTable()}${end < 0 ? '' : text.slice(end)}`);
