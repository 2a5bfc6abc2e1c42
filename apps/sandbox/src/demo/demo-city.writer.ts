import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toRegistryCsv, writeRegistryWorkbook } from '@hub/registry';
import { type DemoCity, type DemoCityOptions, generateDemoCity } from './demo-city.generator';

/** Where {@link writeDemoCity} put each file. */
export interface DemoCityFiles {
  /** the sandbox dataset, `dataset.json` */
  dataset: string;
  /** the registry workbook, `projects.xlsx` */
  projectsXlsx: string;
  /** the same registry as CSV in UTF-8 with BOM, `projects.csv` */
  projectsCsv: string;
  /** the designed scenarios and their expected verdicts, `designed.json` */
  designed: string;
}

/**
 * Generates the demo city and writes it to `dir` (created when missing): `dataset.json`,
 * `projects.xlsx`, `projects.csv` (UTF-8 with BOM, which Excel opens without garbling) and
 * `designed.json`. Existing files of those names are overwritten.
 */
export async function writeDemoCity(
  dir: string,
  opts: DemoCityOptions,
): Promise<{ files: DemoCityFiles; city: DemoCity }> {
  const city = generateDemoCity(opts);
  const files: DemoCityFiles = {
    dataset: join(dir, 'dataset.json'),
    projectsXlsx: join(dir, 'projects.xlsx'),
    projectsCsv: join(dir, 'projects.csv'),
    designed: join(dir, 'designed.json'),
  };
  await mkdir(dir, { recursive: true });
  const workbook = await writeRegistryWorkbook(city.projects);
  await Promise.all([
    writeFile(files.dataset, `${JSON.stringify(city.dataset, null, 2)}\n`),
    writeFile(files.projectsXlsx, workbook),
    writeFile(files.projectsCsv, toRegistryCsv(city.projects, { encoding: 'utf-8-bom' })),
    writeFile(files.designed, `${JSON.stringify(city.designed, null, 2)}\n`),
  ]);
  return { files, city };
}
