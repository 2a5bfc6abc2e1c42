import { z } from 'zod';
import { apiSchema, ZBilingual, ZInstant, ZJson } from '../../openapi/api-schemas';

/** One sync of a source (the last one of each source in GET /api/sources). */
export const ZSyncView = apiSchema(
  'Sync',
  z.object({
    id: z.string(),
    mode: z.string(),
    status: z.string(),
    startedAt: ZInstant,
    finishedAt: ZInstant.nullable(),
    pagesFetched: z.number().int(),
    pagesFailed: z.number().int(),
    recordsSeen: z.number().int(),
    recordsInvalid: z.number().int(),
    recordsChanged: z.number().int(),
    error: z.string().nullable(),
    /** the pages its lists have in all, when every list said (page-numbered lists) */
    pagesTotal: z.number().int().nullable(),
    /** pages by list, and the pages asked once more after their retries ran out */
    paging: z
      .object({
        lists: z.array(
          z.object({
            kind: z.string(),
            pagesFetched: z.number().int(),
            pagesTotal: z.number().int().nullable(),
            complete: z.boolean(),
          }),
        ),
        pagesReasked: z.number().int(),
        pagesRecovered: z.number().int(),
      })
      .nullable(),
  }),
);

/** GET /api/sources: one upstream system's status. */
export const ZSourceStatus = apiSchema(
  'SourceStatus',
  z.object({
    source: z.string(),
    title: ZBilingual,
    configured: z.boolean(),
    circuit: z.string().nullable(),
    lastSync: ZSyncView.nullable(),
    /** share of pages fetched in the last bulk sync (1 = complete) */
    completeness: z.number().nullable(),
    lastSuccessAt: ZInstant.nullable(),
    /** hours since the last complete sync, by the hub clock */
    ageHours: z.number().nullable(),
    /** fresh: complete and younger than the packs' maximum age */
    fresh: z.boolean(),
    records: z.number().int(),
    tombstones: z.number().int(),
    /** records of the last bulk sync that failed validation */
    problems: z.number().int(),
    /** stored records that failed their contract but name a project: untrusted evidence of it */
    untrusted: z.number().int(),
    /**
     * what the last bulk sync missed and how old the complete data is, in the verdicts' words
     * (`共 14 页，2 页获取失败；…已 9 天未完整更新`); null when it was complete
     */
    shortfall: ZBilingual.nullable(),
    /** the recovery after a short last sync: projects asked for, made whole again, requests made */
    recovery: z
      .object({
        at: ZInstant.nullable(),
        status: z.string(),
        recoveredProjects: z.number().int(),
        requests: z.number().int(),
      })
      .nullable(),
  }),
);

/** An upstream record that failed validation in a sync. */
export const ZRecordProblem = apiSchema(
  'RecordProblem',
  z.object({
    kind: z.string(),
    externalId: z.string().nullable(),
    reason: ZBilingual,
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
    payload: ZJson,
    /** kept as untrusted evidence of the projects it names */
    untrusted: z.boolean(),
    projects: z.array(z.object({ code: z.string(), binding: z.string() })),
  }),
);

export const ZSourceProblems = apiSchema(
  'SourceProblems',
  z.object({ source: z.string(), sync: ZSyncView.nullable(), problems: z.array(ZRecordProblem) }),
);
