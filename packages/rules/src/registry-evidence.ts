import { projectToRegistryCells, REGISTRY_COLUMNS, type TProject } from '@hub/contracts';
import type { RegistryEvidence, RegistryProvenance } from './facts';

/**
 * The registry columns by which a project's upstream records are found (its code, and its unit and
 * system names for records without one): what a finding cites when it rests on no record at all,
 * e.g. "the inventory has no resource of this project".
 */
export const MATCHING_FIELDS: readonly (keyof TProject)[] = ['code', 'unitCode', 'systemNames'];

const UNKNOWN_PROVENANCE: RegistryProvenance = {
  importId: null,
  fileName: null,
  sha256: null,
  importedAt: null,
  importedBy: null,
  rowNumber: null,
};

/** The registry cells of `fields`, in the workbook's column order, with the import they came from. */
export function registryEvidence(
  project: TProject,
  fields: ReadonlySet<keyof TProject>,
  provenance: RegistryProvenance | null | undefined,
): RegistryEvidence {
  const values = projectToRegistryCells(project);
  const cells = REGISTRY_COLUMNS.filter((c) => fields.has(c.field)).map((c) => ({
    header: c.header,
    value: values[c.header] ?? '',
  }));
  return { type: 'registry', ...(provenance ?? UNKNOWN_PROVENANCE), cells };
}
