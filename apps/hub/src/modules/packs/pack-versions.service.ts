import { Injectable } from '@nestjs/common';
import type { PolicyPackId } from '@hub/contracts';
import { findPack, packIds, packFor, type AnyPolicyPack, type PackSettingsBase } from '@hub/rules';
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import { parseInput, ZText } from '../../common/zod';
import { Clock } from '../../infra/clock';
import { PrismaService } from '../../infra/database/prisma.service';
import type { PackVersion, Project } from '../../generated/prisma/client';
import { AuditService } from '../audit/audit.service';
import { beijingDate } from '../exemptions/exemptions.repository';
import { ZPackVersionView } from './packs.answers';

/** The date before any real project: the first version of each pack is in force from it. */
const BASE_EFFECTIVE_FROM = '2000-01-01';

export const ZPackDraft = z
  .object({
    /** settings to change; the rest are taken from the latest version */
    settings: z.record(z.string(), z.unknown()).default({}),
    /** national-unverified rules confirmed for the city; unchanged when absent */
    confirmedRuleIds: z.array(z.string().min(1).max(64)).max(500).optional(),
    /** YYYY-MM-DD: projects approved (立项) on or after it are judged under the new version */
    effectiveFrom: z.iso.date(),
    note: ZText(1000),
  })
  .strict();
export type PackDraft = z.input<typeof ZPackDraft>;

export type PackVersionView = z.infer<typeof ZPackVersionView>;

/** The settings a project is judged under. */
export interface ResolvedPolicy {
  version: number;
  settings: PackSettingsBase;
  confirmedRuleIds: ReadonlySet<string>;
}

function view(v: PackVersion): PackVersionView {
  return {
    packId: v.packId as PolicyPackId,
    version: v.version,
    effectiveFrom: v.effectiveFrom.toISOString().slice(0, 10),
    settings: v.settings as Record<string, unknown>,
    confirmedRuleIds: v.confirmedRuleIds,
    note: v.note,
    publishedBy: v.publishedBy,
    publishedAt: v.publishedAt.toISOString(),
  };
}

/** The loaded pack of that id, or a NOT_FOUND naming the loaded ones (for a route's `:id`). */
export function packOrNotFound(id: string): AnyPolicyPack {
  const pack = findPack(id);
  if (!pack) {
    throw new AppError('NOT_FOUND', {
      zh: `政策包 ${id} 不存在；可选：${packIds().join(', ')}`,
      en: `Policy pack ${id} does not exist; one of ${packIds().join(', ')}`,
    });
  }
  return pack;
}

/**
 * Versions of each pack's settings. Publishing never edits a version: it adds one with an effective
 * date. A project is judged under the latest version in force on its approval date (立项日期; today
 * when it has none) unless an administrator pinned another to it.
 */
@Injectable()
export class PackVersionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Version 1 of each pack, holding its defaults, so that every project has a version in force. */
  async ensureBaseVersions(): Promise<void> {
    await this.prisma.packVersion.createMany({
      data: packIds().map((packId) => ({
        packId,
        version: 1,
        effectiveFrom: new Date(`${BASE_EFFECTIVE_FROM}T00:00:00Z`),
        settings: packFor(packId).settingsSchema.parse({}) as object,
        confirmedRuleIds: [],
        note: '默认设置（管理办法与规格给出的阈值）/ defaults from the measures and the specification',
        publishedBy: 'system',
        publishedAt: this.clock.now(),
      })),
      skipDuplicates: true,
    });
  }

  async list(packId: string): Promise<PackVersionView[]> {
    const id: PolicyPackId = packOrNotFound(packId).id;
    await this.ensureBaseVersions();
    const rows = await this.prisma.packVersion.findMany({
      where: { packId: id },
      orderBy: { version: 'asc' },
    });
    return rows.map(view);
  }

  /** The draft as the version it would publish: settings merged onto the latest and validated. */
  async draftVersion(packId: string, draft: PackDraft): Promise<Omit<PackVersionView, 'publishedAt'>> {
    const id: PolicyPackId = packOrNotFound(packId).id;
    const input = parseInput(ZPackDraft, draft, { zh: '政策包草稿', en: 'pack draft' });
    const versions = await this.list(id);
    const latest = versions.at(-1)!;
    const pack = packFor(id);
    const settings = parseInput(
      pack.settingsSchema,
      { ...latest.settings, ...input.settings },
      { zh: `${pack.title.zh}设置`, en: `${id} settings` },
    ) as Record<string, unknown>;
    const known = new Set(pack.rules.filter((r) => r.basis === 'national-unverified').map((r) => r.id));
    const confirmed = input.confirmedRuleIds ?? latest.confirmedRuleIds;
    const unknown = confirmed.filter((r) => !known.has(r));
    if (unknown.length) {
      throw new AppError('INVALID_REQUEST', {
        zh: `只能确认本政策包中依据为 national-unverified 的规则：${unknown.join(', ')} 不是`,
        en: `Only national-unverified rules of this pack can be confirmed; not: ${unknown.join(', ')}`,
      });
    }
    return {
      packId: id,
      version: latest.version + 1,
      effectiveFrom: input.effectiveFrom,
      settings,
      confirmedRuleIds: [...new Set(confirmed)].sort(),
      note: input.note,
      publishedBy: '',
    };
  }

  async publish(packId: string, draft: PackDraft, actor: string): Promise<PackVersionView> {
    const next = await this.draftVersion(packId, draft);
    const created = await this.prisma.$transaction(async (tx) => {
      const row = await tx.packVersion.create({
        data: {
          packId: next.packId,
          version: next.version,
          effectiveFrom: new Date(`${next.effectiveFrom}T00:00:00Z`),
          settings: next.settings as object,
          confirmedRuleIds: next.confirmedRuleIds,
          note: next.note,
          publishedBy: actor,
          publishedAt: this.clock.now(),
        },
      });
      await this.audit.append(
        {
          actor,
          action: 'pack.publish',
          objectType: 'pack-version',
          objectId: `${next.packId}@${next.version}`,
          data: {
            effectiveFrom: next.effectiveFrom,
            settings: next.settings,
            confirmedRuleIds: next.confirmedRuleIds,
            note: next.note,
          },
        },
        tx,
      );
      return row;
    });
    return view(created);
  }

  /**
   * Applies a given version of `packId` to one project (or, with null, returns it to the version in
   * force). The project must be judged under that pack: a version of another city's pack is refused.
   */
  async pin(
    packId: string,
    projectCode: string,
    version: number | null,
    actor: string,
  ): Promise<{ projectCode: string; pinned: number | null }> {
    const id: PolicyPackId = packOrNotFound(packId).id;
    const project = await this.prisma.project.findUnique({ where: { code: projectCode } });
    if (!project) throw AppError.projectNotFound(projectCode);
    if (project.policyPack !== id) {
      throw new AppError('INVALID_REQUEST', {
        zh: `项目 ${projectCode} 适用政策包 ${project.policyPack}，不是 ${id}；请在政策包 ${project.policyPack} 下指定版本`,
        en: `Project ${projectCode} is judged under pack ${project.policyPack}, not ${id}: pin a version of ${project.policyPack}`,
      });
    }
    if (version !== null) {
      const exists = await this.prisma.packVersion.findUnique({
        where: { packId_version: { packId: project.policyPack, version } },
      });
      if (!exists) {
        throw new AppError('NOT_FOUND', {
          zh: `政策包 ${project.policyPack} 没有第 ${version} 版`,
          en: `Pack ${project.policyPack} has no version ${version}`,
        });
      }
    }
    await this.prisma.$transaction(async (tx) => {
      await tx.project.update({ where: { id: project.id }, data: { packVersionPinned: version } });
      await this.audit.append(
        {
          actor,
          action: 'pack.pin',
          objectType: 'project',
          objectId: projectCode,
          data: { packId: project.policyPack, from: project.packVersionPinned, to: version },
        },
        tx,
      );
    });
    return { projectCode, pinned: version };
  }

  /** The policy each project is judged under, for a batch of projects. */
  async resolveFor(
    projects: readonly Pick<Project, 'id' | 'policyPack' | 'approvedOn' | 'packVersionPinned'>[],
    override?: { packId: PolicyPackId; version: Omit<PackVersionView, 'publishedAt'> },
  ): Promise<Map<string, ResolvedPolicy>> {
    await this.ensureBaseVersions();
    const packIds = [...new Set(projects.map((p) => p.policyPack))];
    const rows = await this.prisma.packVersion.findMany({
      where: { packId: { in: packIds } },
      orderBy: [{ version: 'asc' }],
    });
    const versions = rows.map((r) => ({ ...view(r), publishedAt: undefined }));
    if (override) versions.push({ ...override.version, publishedAt: undefined });
    const today = beijingDate(this.clock.now());
    const resolved = new Map<string, ResolvedPolicy>();
    for (const project of projects) {
      const own = versions.filter((v) => v.packId === project.policyPack);
      const onDate = project.approvedOn ? project.approvedOn.toISOString().slice(0, 10) : today;
      const pinned =
        project.packVersionPinned !== null
          ? own.find((v) => v.version === project.packVersionPinned)
          : undefined;
      const inForce =
        pinned ??
        own
          .filter((v) => v.effectiveFrom <= onDate)
          .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.version - a.version)[0] ??
        own[0]!;
      resolved.set(project.id, {
        version: inForce.version,
        settings: inForce.settings as unknown as PackSettingsBase,
        confirmedRuleIds: new Set(inForce.confirmedRuleIds),
      });
    }
    return resolved;
  }
}
