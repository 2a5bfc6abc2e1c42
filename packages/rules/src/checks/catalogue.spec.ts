import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueTable } from './catalogue';
import { CHECKS } from './index';

describe('the check catalogue in docs/packs.md', () => {
  it('is the table CHECKS gives (npm run -w @hub/rules catalogue writes it)', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'packs.md'), 'utf8');

    // prettier aligns the table's columns: compare with runs of spaces and dashes folded
    const fold = (text: string) => text.replace(/ +/g, ' ').replace(/-{3,}/g, '---');
    expect(fold(doc)).toContain(fold(catalogueTable()));
  });
});

describe('every catalogue entry', () => {
  const files = readdirSync(__dirname);

  it.each(CHECKS.filter((c) => c.kind === 'check').map((c) => [c.id]))('check %s has its own spec', (id) => {
    expect(files).toContain(`${id}.check.spec.ts`);
    expect(readFileSync(join(__dirname, `${id}.check.spec.ts`), 'utf8')).toContain(`from './${id}.check'`);
  });

  it.each(CHECKS.filter((c) => c.kind !== 'check').map((c) => [c.id, c.kind]))(
    '%s (%s) is specified',
    (id, kind) => {
      expect(files).toContain(`${id}.${kind}.ts`);
      expect(readFileSync(join(__dirname, 'conditions.spec.ts'), 'utf8')).toContain(`from './${id}.${kind}'`);
    },
  );
});
