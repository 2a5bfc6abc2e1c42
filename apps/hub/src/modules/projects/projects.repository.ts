import { Injectable } from '@nestjs/common';
import type { TProject } from '@hub/contracts';
import { PrismaService } from '../../infra/database/prisma.service';
import type { Prisma, Project } from '../../generated/prisma/client';
import type { ProjectScope } from '../auth/roles';

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

  async hashesByCode(codes: string[]): Promise<Map<string, string>> {
    const rows = await this.prisma.project.findMany({
      where: { code: { in: codes } },
      select: { code: true, contentHash: true },
    });
    return new Map(rows.map((r) => [r.code, r.contentHash]));
  }

  async upsert(project: TProject, contentHash: string): Promise<void> {
    const data = toRow(project, contentHash);
    await this.prisma.project.upsert({ where: { code: project.code }, create: data, update: data });
  }

  /** Creates new projects, a thousand per statement; codes already present are left alone. */
  async createMany(projects: readonly { project: TProject; hash: string }[]): Promise<void> {
    for (let i = 0; i < projects.length; i += 1000) {
      await this.prisma.project.createMany({
        data: projects
          .slice(i, i + 1000)
          .map(({ project, hash }) => toRow(project, hash) as Prisma.ProjectCreateManyInput),
        skipDuplicates: true,
      });
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
              { code: { contains: q.search } },
              { name: { contains: q.search } },
              { unitName: { contains: q.search } },
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
}

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
