import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error';
import type { PolicyPackId } from '@hub/contracts';
import type { OpinionIssuer } from '@hub/rules';
import type { HubEnv } from '../../config/env';
import { HUB_ENV } from '../../infra/core.module';
import type { Prisma } from '../../generated/prisma/client';
import { beijingDate } from '../exemptions/exemptions.repository';

/** 岳技审〔2026〕3号: the prefix, the year in 六角括号, the number, 号 (GB/T 9704 发文字号). */
export function formatOpinionNo(prefix: string, year: number, n: number): string {
  return `${prefix}〔${year}〕${n}号`;
}

/**
 * The document numbers (文号) of issued opinions: each city's issuer, as configured over its pack's
 * defaults, and a counter per city per year in `opinion_sequences`.
 */
@Injectable()
export class OpinionNumbersRepository {
  constructor(@Inject(HUB_ENV) private readonly env: HubEnv) {}

  /** Who issues a city's opinions and under which prefix and title. */
  issuerOf(packId: PolicyPackId): OpinionIssuer {
    const issuer = this.env.HUB_OPINION_ISSUERS[packId];
    // The env holds an issuer for every loaded pack: a project of another one is the caller's to fix.
    if (!issuer) {
      throw new AppError('PACK_NOT_LOADED', {
        zh: `政策包 ${packId} 未加载，无法确定审查意见的发文机关`,
        en: `policy pack ${packId} is not loaded: the opinion's issuer is unknown`,
      });
    }
    return issuer;
  }

  /**
   * The next number of the city's opinions in the Beijing year of `issuedAt`, inside the caller's
   * transaction: the counter row stays locked until it commits, so concurrent issues get consecutive
   * numbers, and a rolled-back issue gives its number back (no gaps).
   */
  async next(tx: Prisma.TransactionClient, packId: PolicyPackId, issuedAt: Date): Promise<string> {
    const year = Number(beijingDate(issuedAt).slice(0, 4));
    const [row] = await tx.$queryRaw<{ last_no: number }[]>`
      INSERT INTO opinion_sequences (pack_id, year, last_no) VALUES (${packId}, ${year}, 1)
      ON CONFLICT (pack_id, year) DO UPDATE SET last_no = opinion_sequences.last_no + 1
      RETURNING last_no`;
    return formatOpinionNo(this.issuerOf(packId).numberPrefix, year, row!.last_no);
  }
}
