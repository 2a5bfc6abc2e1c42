import { Injectable } from '@nestjs/common';
import type { SourceId } from '@hub/contracts';
import {
  CONNECTORS,
  SOURCE_TITLES,
  emptyRecords,
  readingsOf,
  type RecordInvalidity,
  type RecordKindSpec,
} from '@hub/connectors';
import {
  type BindingMethod,
  type EvidenceRef,
  type ProjectFacts,
  type ProjectRecords,
  type SourceState,
  type UntrustedRecord,
} from '@hub/rules';
import { PrismaService } from '../../infra/database/prisma.service';
import type { Project, RegistryImport, SourceRecord } from '../../generated/prisma/client';
import { provenanceOf, toProject } from '../projects/projects.repository';

const BINDING: Record<string, BindingMethod | undefined> = {
  code: 'code',
  confirmed: 'confirmed',
  suggested: 'suggested',
};
/** When a record reaches a project twice, the strongest binding counts. */
const STRENGTH: Record<BindingMethod, number> = { code: 3, confirmed: 2, suggested: 1 };

export function evidenceOf(record: SourceRecord): EvidenceRef {
  const untrusted = record.invalid ? (record.invalidity as RecordInvalidity | null)?.reason : undefined;
  return {
    source: record.source as SourceId,
    kind: record.kind,
    externalId: record.externalId,
    recordId: record.id,
    fetchedAt: record.fetchedAt.toISOString(),
    contentHash: record.contentHash,
    ...(record.invalid
      ? { untrusted: untrusted ?? { zh: '记录不符合接口约定', en: 'the record does not match the contract' } }
      : {}),
  };
}

/**
 * The facts a stored record stands for: one for a valid record; for an untrusted one, one per reading
 * of its unreadable fields (none when they cannot be enumerated).
 */
export function factsOf(spec: RecordKindSpec, record: Pick<SourceRecord, 'payload' | 'invalid'>): unknown[] {
  if (!record.invalid) return [spec.toFact(record.payload)];
  const payload = record.payload as Record<string, unknown>;
  const readings = readingsOf(spec.schema, payload) ?? [];
  return readings.flatMap((reading) => {
    try {
      return [spec.toFact(reading)];
    } catch {
      // A reading the schema accepts but the mapper refuses cannot be told apart: leave it out.
      return [];
    }
  });
}

interface Spec extends RecordKindSpec {
  source: SourceId;
}
const SPECS: Spec[] = CONNECTORS.flatMap((c) => c.records.map((r) => ({ ...r, source: c.id })));
const specOf = (source: string, kind: string) => SPECS.find((s) => s.source === source && s.kind === kind);

/** A record attached to a project, with the binding it reached the project by (none for context). */
interface Attached {
  record: SourceRecord;
  binding: BindingMethod | null;
}

/**
 * Builds the rules' input from stored records, generically from each connector's record specs:
 * a project's own bindings, then the records that belong to those through their parent (inheriting
 * the binding), then the records they reference (context). One round of queries per batch.
 */
@Injectable()
export class FactsAssembler {
  constructor(private readonly prisma: PrismaService) {}

  async assemble(
    projects: Project[],
    sources: (project: Project) => Partial<Record<SourceId, SourceState>>,
  ): Promise<Map<string, ProjectFacts>> {
    const attached = new Map<string, Map<string, Attached>>(projects.map((p) => [p.id, new Map()]));
    const attach = (projectId: string, record: SourceRecord, binding: BindingMethod | null) => {
      const own = attached.get(projectId)!;
      const prior = own.get(record.id);
      if (prior?.binding && binding && STRENGTH[prior.binding] >= STRENGTH[binding]) return;
      if (prior && !binding) return;
      own.set(record.id, { record, binding });
    };

    const bindings = await this.prisma.binding.findMany({
      where: {
        projectId: { in: projects.map((p) => p.id) },
        method: { in: ['code', 'confirmed', 'suggested'] },
      },
      include: { record: true },
      // Facts in a fixed order, so the same records give the same reasons whatever order they were stored in.
      orderBy: [{ record: { kind: 'asc' } }, { record: { externalId: 'asc' } }],
    });
    for (const b of bindings) {
      if (specOf(b.record.source, b.record.kind)?.bindable) attach(b.projectId, b.record, BINDING[b.method]!);
    }

    for (const spec of SPECS.filter((s) => s.parentKind)) {
      await this.attachChildren(spec, attached, attach);
    }
    for (const spec of SPECS.filter((s) => s.referencedBy)) {
      await this.attachReferenced(spec, attached, attach);
    }

    const imports = await this.importsOf(projects);
    return new Map(
      projects.map((p) => {
        const records = emptyRecords();
        const untrusted: UntrustedRecord[] = [];
        for (const { record, binding } of attached.get(p.id)!.values()) {
          const spec = specOf(record.source, record.kind)!;
          const evidence = evidenceOf(record);
          if (record.invalid) {
            const variants = factsOf(spec, record);
            untrusted.push({
              group: spec.group,
              key: spec.key,
              binding,
              evidence: evidence as UntrustedRecord['evidence'],
              variants: variants.length > 0 ? variants : null,
            });
            continue;
          }
          const groups = records as unknown as Record<string, Record<string, unknown[]>>;
          const list = groups[spec.group]![spec.key]!;
          const fact = spec.toFact(record.payload);
          list.push(binding ? { fact, binding, evidence } : { fact, evidence });
        }
        const registryImport = p.importId ? (imports.get(p.importId) ?? null) : null;
        const facts: ProjectFacts = {
          ...records,
          project: toProject(p),
          sources: sources(p),
          sourceTitles: SOURCE_TITLES,
          untrusted,
          registry: provenanceOf({ ...p, registryImport }),
        };
        return [p.id, facts];
      }),
    );
  }

  private async importsOf(projects: Project[]): Promise<Map<string, RegistryImport>> {
    const ids = [...new Set(projects.flatMap((p) => (p.importId ? [p.importId] : [])))];
    if (ids.length === 0) return new Map();
    const rows = await this.prisma.registryImport.findMany({ where: { id: { in: ids } } });
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Records whose parent is attached to a project belong to it too, with the parent's binding. */
  private async attachChildren(
    spec: Spec,
    attached: Map<string, Map<string, Attached>>,
    attach: (projectId: string, record: SourceRecord, binding: BindingMethod | null) => void,
  ): Promise<void> {
    const parents = new Map<string, { projectId: string; binding: BindingMethod }[]>();
    for (const [projectId, own] of attached) {
      for (const { record, binding } of own.values()) {
        if (record.source !== spec.source || record.kind !== spec.parentKind || !binding) continue;
        parents.set(record.externalId, [...(parents.get(record.externalId) ?? []), { projectId, binding }]);
      }
    }
    if (parents.size === 0) return;
    const children = await this.prisma.sourceRecord.findMany({
      where: { source: spec.source, kind: spec.kind, parentExternalId: { in: [...parents.keys()] } },
      orderBy: { externalId: 'asc' },
    });
    for (const child of children) {
      for (const parent of parents.get(child.parentExternalId!) ?? [])
        attach(parent.projectId, child, parent.binding);
    }
  }

  /** Records referenced by a project's records (a resource's tenant) are attached as context. */
  private async attachReferenced(
    spec: Spec,
    attached: Map<string, Map<string, Attached>>,
    attach: (projectId: string, record: SourceRecord, binding: BindingMethod | null) => void,
  ): Promise<void> {
    const ref = spec.referencedBy!;
    const referrerSpec = specOf(spec.source, ref.kind)!;
    const wanted = new Map<string, Set<string>>();
    for (const [projectId, own] of attached) {
      for (const { record } of own.values()) {
        if (record.source !== spec.source || record.kind !== ref.kind) continue;
        // An untrusted referrer references what each of its readings does.
        for (const fact of factsOf(referrerSpec, record)) {
          const id = (ref.reference as (fact: unknown) => string | null)(fact);
          if (id) wanted.set(id, (wanted.get(id) ?? new Set()).add(projectId));
        }
      }
    }
    if (wanted.size === 0) return;
    const referenced = await this.prisma.sourceRecord.findMany({
      where: { source: spec.source, kind: spec.kind, externalId: { in: [...wanted.keys()] } },
      orderBy: { externalId: 'asc' },
    });
    for (const record of referenced) {
      for (const projectId of wanted.get(record.externalId) ?? []) attach(projectId, record, null);
    }
  }
}

export type { ProjectRecords };
