import { createHash } from 'node:crypto';

/** The filters a resource listing was asked with; a cursor is only valid with the same ones. */
export interface ResourceFilter {
  updatedSince?: string;
  tenantId?: string;
  projectCode?: string;
}

interface CursorBody {
  /** offset into the filtered, ordered listing */
  o: number;
  /** hash of the filter the cursor was issued for */
  f: string;
}

/** Short hash of a filter, so that a cursor reused with other filters can be told apart. */
export function filterFingerprint(filter: ResourceFilter): string {
  const canonical = JSON.stringify([
    filter.updatedSince ?? null,
    filter.tenantId ?? null,
    filter.projectCode ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 12);
}

/** An opaque cursor: base64url of the next offset and the filter's fingerprint. */
export function encodeCursor(offset: number, filter: ResourceFilter): string {
  const body: CursorBody = { o: offset, f: filterFingerprint(filter) };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** The offset a cursor points at, or why it cannot be used with this filter. */
export function decodeCursor(cursor: string, filter: ResourceFilter): { offset: number } | { error: string } {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return { error: 'cursor is not one this server issued' };
  }
  if (
    typeof body !== 'object' ||
    body === null ||
    !Number.isSafeInteger((body as CursorBody).o) ||
    (body as CursorBody).o < 0 ||
    typeof (body as CursorBody).f !== 'string'
  ) {
    return { error: 'cursor is not one this server issued' };
  }
  if ((body as CursorBody).f !== filterFingerprint(filter)) {
    return {
      error:
        'cursor was issued for other filters (updatedSince, tenantId, projectCode); start again without it',
    };
  }
  return { offset: (body as CursorBody).o };
}
