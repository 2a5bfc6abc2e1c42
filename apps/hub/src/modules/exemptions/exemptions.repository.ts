import { Injectable } from '@nestjs/common';
import type { Waiver } from '@hub/rules';
import { beijingDate as beijingDateOf } from '@hub/vocabulary';
import { PrismaService } from '../../infra/database/prisma.service';
import { EXEMPTION_CATEGORY_TITLES, type ExemptionCategory } from './exemption.types';

/** The calendar date in Beijing (UTC+8) of an instant: exemptions are valid by date. */
export function beijingDate(instant: Date): string {
  return beijingDateOf(instant.toISOString())!;
}

/** What the rules engine needs of exemptions: the approved, current ones. */
@Injectable()
export class ExemptionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * For each project, the rules its approved exemptions waive on `date` (YYYY-MM-DD, Beijing), with
   * the document number and authority the finding shows. Expired or revoked ones are left out, so
   * their rules evaluate again.
   */
  async currentFor(projectIds: string[], date: string): Promise<Map<string, Map<string, Waiver>>> {
    const day = new Date(`${date}T00:00:00Z`);
    const rows = await this.prisma.exemption.findMany({
      where: {
        projectId: { in: projectIds },
        status: 'approved',
        validFrom: { lte: day },
        validUntil: { gte: day },
      },
      orderBy: { validUntil: 'desc' },
    });
    const byProject = new Map<string, Map<string, Waiver>>();
    for (const row of rows) {
      const rules = byProject.get(row.projectId) ?? new Map<string, Waiver>();
      byProject.set(row.projectId, rules);
      const category = EXEMPTION_CATEGORY_TITLES[row.reasonCategory as ExemptionCategory];
      const until = row.validUntil.toISOString().slice(0, 10);
      for (const ruleId of row.ruleIds) {
        if (rules.has(ruleId)) continue;
        rules.set(ruleId, {
          documentNo: row.documentNo,
          reason: {
            zh: `已豁免：${row.authority}批准（${row.documentNo}，${category.zh}），有效期至 ${until}`,
            en: `Exempted: approved by ${row.authority} (${row.documentNo}, ${category.en}), valid until ${until}`,
          },
        });
      }
    }
    return byProject;
  }
}
