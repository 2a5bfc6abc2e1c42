import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueTable } from './catalogue';

describe('the check catalogue in docs/packs.md', () => {
  it('is the table CHECKS gives (npm run -w @hub/rules catalogue writes it)', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'packs.md'), 'utf8');

    // prettier aligns the table's columns: compare with runs of spaces and dashes folded
    const fold = (text: string) => text.replace(/ +/g, ' ').replace(/-{3,}/g, '---');
    expect(fold(doc)).toContain(fold(catalogueTable()));
  });
});
