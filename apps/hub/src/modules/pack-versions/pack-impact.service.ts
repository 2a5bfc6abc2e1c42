import { z } from 'zod';
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../infra/database/prisma.service';
import { ChecksService } from '../checks/checks.service';
import { type PackDraft, PackVersionsService } from '../packs/pack-versions.service';
import { ZImpactPreview } from '../packs/packs.answers';

export type VerdictFlip = ImpactPreview['flips'][number];

export type ImpactPreview = z.infer<typeof ZImpactPreview>;

const BATCH = 500;

/**
 * What a draft of a pack's settings would change before it is published: every project of the pack
 * judged twice on the same stored facts — under the version in force now and with the draft among
 * the versions — and every verdict (or warning) that differs.
 */
@Injectable()
export class PackImpactService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly versions: PackVersionsService,
    private readonly checks: ChecksService,
  ) {}

  async preview(packId: string, draft: PackDraft): Promise<ImpactPreview> {
    const version = await this.versions.draftVersion(packId, draft);
    const states = await this.checks.latestSourceStates();
    const result: ImpactPreview = {
      packId: version.packId,
      draftVersion: version.version,
      effectiveFrom: version.effectiveFrom,
      projectsAffected: 0,
      projectsEvaluated: 0,
      flips: [],
      readinessChanges: [],
    };
    let cursor: string | undefined;
    for (;;) {
      const batch = await this.prisma.project.findMany({
        where: { policyPack: version.packId },
        orderBy: { code: 'asc' },
        take: BATCH,
        ...(cursor ? { cursor: { code: cursor }, skip: 1 } : {}),
      });
      if (batch.length === 0) break;
      cursor = batch.at(-1)!.code;
      const [before, after] = await Promise.all([
        this.checks.evaluate(batch, states),
        this.checks.evaluate(batch, states, { packId: version.packId, version }),
      ]);
      result.projectsEvaluated += batch.length;
      for (const [i, now] of before.entries()) {
        const next = after[i]!;
        if (next.packVersion === version.version) result.projectsAffected++;
        const old = new Map(now.evaluation.findings.map((f) => [f.ruleId, f]));
        for (const f of next.evaluation.findings) {
          const was = old.get(f.ruleId)!;
          if (was.verdict === f.verdict && was.warningOnly === f.warningOnly) continue;
          result.flips.push({
            projectCode: now.project.code,
            projectName: now.project.name,
            ruleId: f.ruleId,
            from: { verdict: was.verdict, warningOnly: was.warningOnly },
            to: { verdict: f.verdict, warningOnly: f.warningOnly },
          });
        }
        if (now.evaluation.readiness.ready !== next.evaluation.readiness.ready) {
          result.readinessChanges.push({
            projectCode: now.project.code,
            from: now.evaluation.readiness.ready,
            to: next.evaluation.readiness.ready,
          });
        }
      }
    }
    return result;
  }
}
