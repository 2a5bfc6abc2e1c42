import type { SourceId } from '@hub/contracts';
import type { ProjectRecords, Text } from '@hub/rules';
import type { SourceRef } from './framework/source-ref';
import { CONNECTORS } from './registry';

/** Every source the hub reads, in registry order: the ids of {@link CONNECTORS}. */
export const SOURCE_IDS: readonly SourceId[] = CONNECTORS.map((c) => c.id);

/** Every registered source's name as operators know it, by id. */
export const SOURCE_TITLES: Readonly<Record<SourceId, Text>> = Object.fromEntries(
  CONNECTORS.map((c) => [c.id, c.title]),
);

/** Whether `value` names a registered source. */
export function isSourceId(value: string): value is SourceId {
  return SOURCE_IDS.includes(value);
}

/**
 * A source's name as operators know it; a source no longer registered (its records and syncs are
 * kept) is named by its id.
 */
export function sourceTitle(id: SourceId): Text {
  return SOURCE_TITLES[id] ?? { zh: id, en: id };
}

/** A source's id and name (see {@link sourceTitle}). */
export function sourceRef(id: SourceId): SourceRef {
  return { id, title: sourceTitle(id) };
}

/** Records of a project that has none: every group and list the connectors' record kinds fill. */
export function emptyRecords(): ProjectRecords {
  const records: Record<string, Record<string, unknown[]>> = {};
  for (const connector of CONNECTORS) {
    for (const spec of connector.records) (records[spec.group] ??= {})[spec.key] = [];
  }
  return records as unknown as ProjectRecords;
}
