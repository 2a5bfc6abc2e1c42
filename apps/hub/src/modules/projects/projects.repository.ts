import { Injectable } from '@nestjs/common';
import type { TProject } from '@hub/contracts';
import type { RegistryProvenance } from '@hub/rules';
import { likeLiteral } from '../../infra/database/like-literal';
import { PrismaService } from '../../infra/database/prisma.service';
import { Prisma, type Project, type RegistryImport } from '../../generated/prisma/client';
import type { ProjectScope } from '../auth/roles';

type Tx = Prisma.TransactionClient;

/** The rows a scope may see, as a where clause: applicants see their own unit only. */
export function projectScopeWhere(scope: ProjectScope): Prisma.ProjectWhereInput {
  return scope.kind === 'all' ? {} : { unitCode: scope.unitCode };
}

export interface ProjectQuery {
  policyPack?: string;
  region?: string;
  unitCode?: string;
  search?: string;
  skip: number;
  take: number;
}

const DATE_FIELDS = [
  'approvedOn',
  'contractSignedOn',
  'preliminaryAcceptanceOn',
  'trialStartOn',
  'trialEndOn',
  'acceptanceAppliedOn',
  'acceptedOn',
] as const;

/** Projects as stored ↔ the canonical TProject the rules read. */
@Injectable()
export class ProjectsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findByCode(code: string): Promise<Project | null> {
    return this.prisma.project.findUnique({ where: { code } });
  }

  /** The project if it exists and the scope may see it; otherwise null, without saying which. */
  findVisible(code: string, scope: ProjectScope): Promise<Project | null> {
    return this.prisma.project.findFirst({ where: { code, ...projectScopeWhere(scope) } });
  }

  /** Content hashes of the stored projects among `codes`, read in `tx` when given. */
  async hashesByCode(codes: string[], tx: Tx = this.prisma): Promise<Map<string, string>> {
    const rows = await tx.$queryRaw<{ code: string; content_hash: string }[]>`
      SELECT code, content_hash FROM projects WHERE code = ANY(${codes}::text[])`;
    return new Map(rows.map((r) => [r.code, r.content_hash]));
  }

  async upsert(project: TProject, contentHash: string): Promise<void> {
    const data = toRow(project, contentHash);
    await this.prisma.project.upsert({ where: { code: project.code }, create: data, update: data });
  }

  /**
   * Creates or replaces every given project inside `tx`, a few thousand rows per statement: a city's
   * plan of 20,000 rows is ten statements, not 20,000. A stored project keeps its id, pinned pack
   * version and creation time; every registry field and the content hash are replaced.
   */
  async saveAll(
    projects: readonly { project: TProject; hash: string; rowNumber?: number }[],
    tx: Tx,
    importId: string | null = null,
  ): Promise<void> {
    for (let i = 0; i < projects.length; i += SAVE_BATCH) {
      const batch = projects.slice(i, i + SAVE_BATCH).map(({ project, hash, rowNumber }) => ({
        ...Object.fromEntries(SAVED_COLUMNS.map(([field, column]) => [column, project[field]])),
        content_hash: hash,
        // Findings cite the import and row a project's registry cells came from.
        import_id: importId,
        import_row: rowNumber ?? null,
      }));
      await tx.$executeRaw`${UPSERT_HEAD} FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) ${UPSERT_TAIL}`;
    }
  }

  async list(q: ProjectQuery, scope: ProjectScope): Promise<{ items: Project[]; total: number }> {
    const filter: Prisma.ProjectWhereInput = {
      ...(q.policyPack ? { policyPack: q.policyPack } : {}),
      ...(q.region ? { region: q.region } : {}),
      ...(q.unitCode ? { unitCode: q.unitCode } : {}),
      ...(q.search
        ? {
            OR: [
              { code: { contains: likeLiteral(q.search) } },
              { name: { contains: likeLiteral(q.search) } },
              { unitName: { contains: likeLiteral(q.search) } },
            ],
          }
        : {}),
    };
    // AND, so that no filter can widen the scope (an applicant asking for another unit gets nothing).
    const where: Prisma.ProjectWhereInput = { AND: [projectScopeWhere(scope), filter] };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.project.findMany({ where, orderBy: { code: 'asc' }, skip: q.skip, take: q.take }),
      this.prisma.project.count({ where }),
    ]);
    return { items, total };
  }

  /** Every project in code order, in pages, for scans. */
  async *allInBatches(batchSize: number): AsyncGenerator<Project[]> {
    let cursor: string | undefined;
    for (;;) {
      const batch = await this.prisma.project.findMany({
        orderBy: { code: 'asc' },
        take: batchSize,
        ...(cursor ? { cursor: { code: cursor }, skip: 1 } : {}),
      });
      if (batch.length === 0) return;
      yield batch;
      cursor = batch[batch.length - 1]!.code;
    }
  }

  count(): Promise<number> {
    return this.prisma.project.count();
  }

  /** The registry import that last wrote the project's row, as its findings cite it. */
  async provenanceOf(project: Project): Promise<RegistryProvenance> {
    const registryImport = project.importId
      ? await this.prisma.registryImport.findUnique({ where: { id: project.importId } })
      : null;
    return provenanceOf({ ...project, registryImport });
  }
}

/** Rows per bulk statement: about 1.5 MB of JSON, one round trip. */
const SAVE_BATCH = 2_000;

/**
 * Each registry field's SQL type. Typed against TProject, so a field added to the contract does not
 * compile until it is said here how it is stored.
 */
const PROJECT_COLUMN_TYPES = {
  code: 'text',
  name: 'text',
  unitName: 'text',
  unitCode: 'text',
  region: 'text',
  policyPack: 'text',
  investment: 'numeric',
  category: 'text',
  domain: 'text',
  systemNames: 'text[]',
  planYear: 'integer',
  supplementaryPlan: 'boolean',
  caseByCaseDecision: 'text',
  classified: 'boolean',
  internalUseOnly: 'boolean',
  govServiceSystem: 'boolean',
  hasMobileChannel: 'boolean',
  standaloneMobileApp: 'boolean',
  hasVideoInfrastructure: 'boolean',
  buildsCloudOrDataCentre: 'boolean',
  buildsServicePlatform: 'boolean',
  hasDataResources: 'boolean',
  isApplicationPlatform: 'boolean',
  cloudExemptionRef: 'text',
  approvedOn: 'date',
  contractSignedOn: 'date',
  preliminaryAcceptanceOn: 'date',
  trialStartOn: 'date',
  trialEndOn: 'date',
  acceptanceAppliedOn: 'date',
  expertReviewRef: 'text',
  technicalReviewRef: 'text',
  financialReviewRef: 'text',
  supervisionContractRef: 'text',
  procurementFiled: 'boolean',
  omPeriodMonths: 'integer',
  securityPlan: 'boolean',
  omPlan: 'boolean',
  securityPrereviewRef: 'text',
  cryptoPrereviewRef: 'text',
  acceptedOn: 'date',
  reliabilityPrereviewRef: 'text',
  eArchivePrereviewRef: 'text',
  acceptanceFiled: 'boolean',
} as const satisfies Record<keyof TProject, 'text' | 'text[]' | 'numeric' | 'integer' | 'boolean' | 'date'>;

/** [field, column, SQL type]: the schema maps every field to its snake_case column. */
const SAVED_COLUMNS = (Object.keys(PROJECT_COLUMN_TYPES) as (keyof TProject)[]).map(
  (field) =>
    [field, field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), PROJECT_COLUMN_TYPES[field]] as const,
);
const columnList = SAVED_COLUMNS.map(([, column]) => column).join(', ');
// Identifiers and types come from the constant above, never from input: safe to splice in.
const UPSERT_HEAD = Prisma.raw(
  `INSERT INTO projects (id, ${columnList}, content_hash, import_id, import_row, updated_at) ` +
    `SELECT gen_random_uuid(), ${columnList}, content_hash, import_id, import_row, now()`,
);
const UPSERT_TAIL = Prisma.raw(
  `AS r(${SAVED_COLUMNS.map(([, column, type]) => `${column} ${type}`).join(', ')}, content_hash text, import_id uuid, import_row integer) ` +
    `ON CONFLICT (code) DO UPDATE SET ` +
    [...SAVED_COLUMNS.map(([, column]) => column), 'content_hash', 'import_id', 'import_row', 'updated_at']
      .filter((column) => column !== 'code')
      .map((column) => `${column} = EXCLUDED.${column}`)
      .join(', '),
);

function toRow(p: TProject, contentHash: string): Prisma.ProjectCreateInput {
  const dates = Object.fromEntries(DATE_FIELDS.map((f) => [f, p[f] ? new Date(`${p[f]}T00:00:00Z`) : null]));
  return { ...p, ...dates, contentHash };
}

/** The canonical project of a stored row. */
export function toProject(row: Project): TProject {
  const dates = Object.fromEntries(
    DATE_FIELDS.map((f) => [f, row[f] ? row[f].toISOString().slice(0, 10) : null]),
  ) as Pick<TProject, (typeof DATE_FIELDS)[number]>;
  return {
    code: row.code,
    name: row.name,
    unitName: row.unitName,
    unitCode: row.unitCode,
    region: row.region,
    policyPack: row.policyPack as TProject['policyPack'],
    investment: row.investment.toString(),
    category: row.category as TProject['category'],
    domain: row.domain as TProject['domain'],
    systemNames: row.systemNames,
    planYear: row.planYear,
    supplementaryPlan: row.supplementaryPlan,
    caseByCaseDecision: row.caseByCaseDecision,
    classified: row.classified,
    internalUseOnly: row.internalUseOnly,
    govServiceSystem: row.govServiceSystem,
    hasMobileChannel: row.hasMobileChannel,
    standaloneMobileApp: row.standaloneMobileApp,
    hasVideoInfrastructure: row.hasVideoInfrastructure,
    buildsCloudOrDataCentre: row.buildsCloudOrDataCentre,
    buildsServicePlatform: row.buildsServicePlatform,
    hasDataResources: row.hasDataResources,
    isApplicationPlatform: row.isApplicationPlatform,
    cloudExemptionRef: row.cloudExemptionRef,
    ...dates,
    expertReviewRef: row.expertReviewRef,
    technicalReviewRef: row.technicalReviewRef,
    financialReviewRef: row.financialReviewRef,
    supervisionContractRef: row.supervisionContractRef,
    procurementFiled: row.procurementFiled,
    omPeriodMonths: row.omPeriodMonths,
    securityPlan: row.securityPlan,
    omPlan: row.omPlan,
    securityPrereviewRef: row.securityPrereviewRef,
    cryptoPrereviewRef: row.cryptoPrereviewRef,
    reliabilityPrereviewRef: row.reliabilityPrereviewRef,
    eArchivePrereviewRef: row.eArchivePrereviewRef,
    acceptanceFiled: row.acceptanceFiled,
  };
}

/** Where a project's registry row came from. */
export function provenanceOf(
  project: Project & { registryImport?: RegistryImport | null },
): RegistryProvenance {
  const i = project.registryImport ?? null;
  return {
    importId: project.importId,
    fileName: i?.fileName ?? null,
    sha256: i?.sha256 ?? null,
    importedAt: i?.importedAt.toISOString() ?? null,
    importedBy: i?.importedBy ?? null,
    rowNumber: project.importRow,
  };
}
