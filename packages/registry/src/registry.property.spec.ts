import { REGISTRY_COLUMNS } from '@hub/contracts';
import fc from 'fast-check';
import { parseRegistryFile } from './registry.parser';
import { toRegistryCsv } from './registry.writer';
import { projectListArbitrary } from './testing/project.arbitrary';
import { csvBuffer, registryTable, type Table } from './testing/registry-table';

describe(`${parseRegistryFile.name} (properties)`, () => {
  it('returns every project of any valid list written by toRegistryCsv, in any encoding', async () => {
    await fc.assert(
      fc.asyncProperty(
        projectListArbitrary(8),
        fc.constantFrom('utf-8', 'utf-8-bom', 'gb18030' as const),
        async (projects, encoding) => {
          const result = await parseRegistryFile({
            data: toRegistryCsv(projects, { encoding }),
            fileName: 'p.csv',
          });

          expect(result.errors).toEqual([]);
          expect(result.fileErrors).toEqual([]);
          expect(result.encoding).toBe(encoding);
          expect(result.rows.map((r) => r.project)).toEqual(projects);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never throws on junk in one cell, blames only that column, and keeps the other rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        projectListArbitrary(5),
        fc.nat(),
        fc.constantFrom(...REGISTRY_COLUMNS),
        fc.string({ unit: 'binary', maxLength: 40 }),
        async (projects, rowSeed, column, junk) => {
          const target = rowSeed % projects.length;
          const table: Table = registryTable(projects);
          table[target + 1]![REGISTRY_COLUMNS.indexOf(column)] = junk;

          const result = await parseRegistryFile({ data: csvBuffer(table), fileName: 'p.csv' });

          expect(result.fileErrors).toEqual([]);
          const targetRow = target + 2;
          expect(result.rows.filter((r) => r.rowNumber !== targetRow).map((r) => r.project)).toEqual(
            projects.filter((_, i) => i !== target),
          );
          const blamed = result.errors.filter((e) => e.rowNumber === targetRow);
          if (result.rows.some((r) => r.rowNumber === targetRow)) {
            expect(blamed).toEqual([]);
          } else {
            expect(blamed.length).toBeGreaterThan(0);
            expect(blamed.map((e) => e.column)).toEqual(blamed.map(() => column.header));
          }
          expect(result.errors.every((e) => e.rowNumber === targetRow)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
