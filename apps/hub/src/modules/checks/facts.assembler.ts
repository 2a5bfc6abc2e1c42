import { Injectable } from '@nestjs/common';
import type { SourceId } from '@hub/contracts';
import { toCloudResourceFact, toCloudTenantFact } from '@hub/connectors';
import type {
  BindingMethod,
  BoundFact,
  CloudResourceFact,
  CloudTenantFact,
  EvidenceRef,
  ProjectFacts,
  SourceState,
  Sourced,
} from '@hub/rules';
import { PrismaService } from '../../infra/database/prisma.service';
import type { Project, SourceRecord } from '../../generated/prisma/client';
import { toProject } from '../projects/projects.repository';

const METHOD: Record<string, BindingMethod | undefined> = {
  code: 'code',
  confirmed: 'confirmed',
  suggested: 'suggested',
};

export function evidenceOf(record: SourceRecord): EvidenceRef {
  return {
    source: record.source as SourceId,
    kind: record.kind,
    externalId: record.externalId,
    recordId: record.id,
    fetchedAt: record.fetchedAt.toISOString(),
    contentHash: record.contentHash,
  };
}

/**
 * Builds the rules' input from stored records: each project's bound (and suggested) records mapped
 * to canonical facts, plus the tenants they live in. One round of queries per batch of projects.
 */
@Injectable()
export class FactsAssembler {
  constructor(private readonly prisma: PrismaService) {}

  async assemble(
    projects: Project[],
    sources: Partial<Record<SourceId, SourceState>>,
  ): Promise<Map<string, ProjectFacts>> {
    const bindings = await this.prisma.binding.findMany({
      where: {
        projectId: { in: projects.map((p) => p.id) },
        method: { in: ['code', 'confirmed', 'suggested'] },
      },
      include: { record: true },
    });
    const resources = new Map<string, BoundFact<CloudResourceFact>[]>();
    const tenantIds = new Set<string>();
    for (const b of bindings) {
      const method = METHOD[b.method];
      if (!method || b.record.source !== 'gov-cloud' || b.record.kind !== 'resource') continue;
      const fact = toCloudResourceFact(b.record.payload);
      tenantIds.add(fact.tenantId);
      const list = resources.get(b.projectId) ?? [];
      // A record bound by code and also confirmed counts once, under its strongest binding.
      if (!list.some((r) => r.evidence.recordId === b.record.id)) {
        list.push({ fact, binding: method, evidence: evidenceOf(b.record) });
      }
      resources.set(b.projectId, list);
    }
    const tenantRecords = tenantIds.size
      ? await this.prisma.sourceRecord.findMany({
          where: { source: 'gov-cloud', kind: 'tenant', externalId: { in: [...tenantIds] } },
        })
      : [];
    const tenants = new Map<string, Sourced<CloudTenantFact>>(
      tenantRecords.map((t) => [
        t.externalId,
        { fact: toCloudTenantFact(t.payload), evidence: evidenceOf(t) },
      ]),
    );

    return new Map(
      projects.map((p) => {
        const own = resources.get(p.id) ?? [];
        const ownTenants = [...new Set(own.map((r) => r.fact.tenantId))].flatMap((id) => {
          const t = tenants.get(id);
          return t ? [t] : [];
        });
        return [p.id, { project: toProject(p), sources, cloud: { resources: own, tenants: ownTenants } }];
      }),
    );
  }
}
