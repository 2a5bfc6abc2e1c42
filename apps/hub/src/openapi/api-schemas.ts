import { VERDICTS } from '@hub/vocabulary';
import { z } from 'zod';

/**
 * The named schemas of the API document: every schema registered here becomes one entry of
 * `components.schemas`, and any schema that uses it refers to it by `$ref`.
 */
export const apiSchemas = new Map<string, z.ZodType>();

/** Registers `schema` as `components.schemas[id]` and gives it back. */
export function apiSchema<T extends z.ZodType>(id: string, schema: T): T {
  const known = apiSchemas.get(id);
  if (known && known !== schema) throw new Error(`two API schemas named ${id}`);
  apiSchemas.set(id, schema);
  return schema;
}

/** An instant as JSON carries it: ISO 8601 with its offset. */
export const ZInstant = z.string().describe('ISO 8601 instant');
/** A calendar day, YYYY-MM-DD. */
export const ZDay = z.string().describe('YYYY-MM-DD');

/** Text Chinese first, English second. */
export const ZBilingual = apiSchema('Bilingual', z.object({ zh: z.string(), en: z.string() }));

export const ZVerdict = apiSchema('Verdict', z.enum(VERDICTS));
/** How many findings have each verdict. */
export const ZVerdictCounts = apiSchema(
  'VerdictCounts',
  z.object(
    Object.fromEntries(VERDICTS.map((v) => [v, z.number().int()])) as Record<
      (typeof VERDICTS)[number],
      z.ZodNumber
    >,
  ),
);

/** Any JSON value as the upstream system or the hub stored it. */
export const ZJson = z.unknown();

/** `{ total, items }`, the shape of every paged list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ total: z.number().int(), items: z.array(item) });
}

/** A reference to the upstream record a verdict rests on. */
export const ZEvidenceRef = apiSchema(
  'EvidenceRef',
  z.object({
    source: z.string(),
    kind: z.string(),
    externalId: z.string(),
    recordId: z.string().optional(),
    fetchedAt: ZInstant,
    contentHash: z.string(),
    /** set on a record that failed its contract: what is wrong with it (it decided nothing) */
    untrusted: ZBilingual.optional(),
  }),
);

/** The registry import and row a project's data came from. */
export const ZRegistryProvenance = apiSchema(
  'RegistryProvenance',
  z.object({
    importId: z.string().nullable(),
    fileName: z.string().nullable(),
    sha256: z.string().nullable(),
    importedAt: ZInstant.nullable(),
    importedBy: z.string().nullable(),
    rowNumber: z.number().int().nullable(),
  }),
);

/** The registry cells a finding read, with the import and row they came from. */
export const ZRegistryEvidence = apiSchema(
  'RegistryEvidence',
  ZRegistryProvenance.extend({
    type: z.literal('registry'),
    cells: z.array(z.object({ header: z.string(), value: z.string() })),
  }),
);

/**
 * `true` when A and B are the same type both ways: `const _: SameShape<z.infer<typeof ZX>, X> = true`
 * keeps a schema and an interface it cannot replace (one a package exports) from drifting apart.
 */
export type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
