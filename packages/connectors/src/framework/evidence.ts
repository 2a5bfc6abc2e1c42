import type { SourceId } from '@hub/contracts';
import type { EvidenceRef } from '@hub/rules';
import type { UpstreamRecord } from './connector';
import { contentHash } from './content-hash';

/** The evidence pointer a verdict carries for one upstream record. */
export function evidenceFor(
  source: SourceId,
  record: Pick<UpstreamRecord, 'kind' | 'externalId' | 'payload'>,
  fetchedAt: string,
  recordId?: string,
): EvidenceRef {
  return {
    source,
    kind: record.kind,
    externalId: record.externalId,
    ...(recordId === undefined ? {} : { recordId }),
    fetchedAt,
    contentHash: contentHash(record.payload),
  };
}
