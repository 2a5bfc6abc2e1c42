import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { sourceTitle } from '@hub/connectors';
import { allPacks, REVIEW_DOMAIN_TITLES, type RuleDefinition } from '@hub/rules';
import { z } from 'zod';
import { jsonSchema } from '../../common/zod';
import { Allow } from '../auth/policy';
import { packDivisions } from './pack-divisions';
import { packOrNotFound, PackVersionsService } from './pack-versions.service';
import { ApiAnswer } from '../../openapi/api-answer';
import { ZPackSummary, ZRuleView } from './packs.answers';

/** Settings every rule of a pack depends on through the engine rather than its own check. */
const PACK_WIDE_SETTINGS = ['maxSourceAgeHours'] as const;

/** A rule as a reviewer reads it in the catalogue. */
export interface RuleView {
  id: string;
  pack: string;
  title: { zh: string; en: string };
  clause: string;
  basis: string;
  /** a national-unverified rule's FAIL is shown as a warning until confirmed for the city */
  basisNote: { zh: string; en: string } | null;
  severity: string;
  domain: { id: string; zh: string; en: string };
  requirement: { zh: string; en: string };
  sources: { id: string; zh: string; en: string }[];
  /** the pack settings (thresholds) this rule reads; every rule also reads the pack-wide ones */
  settings: string[];
}

export function ruleView(rule: RuleDefinition<unknown>): RuleView {
  return {
    id: rule.id,
    pack: rule.pack,
    title: rule.title,
    clause: rule.clause,
    basis: rule.basis,
    basisNote:
      rule.basis === 'national-unverified'
        ? {
            zh: '依据为实践或摘要，未核对原文条款；不通过时仅作提示，待管理员为本市确认',
            en: 'Rests on practice or a summary; a FAIL is a warning until an administrator confirms it for the city',
          }
        : null,
    severity: rule.severity,
    domain: { id: rule.domain, ...REVIEW_DOMAIN_TITLES[rule.domain] },
    requirement: rule.requirement,
    sources: rule.sources.map((id) => ({ id, ...sourceTitle(id) })),
    settings: [...(rule.settings ?? [])],
  };
}

/** The rule catalogue: what each city's pack checks, with its clauses, thresholds and sources. */
@ApiTags('packs')
@Controller('api/packs')
export class PacksController {
  constructor(private readonly versions: PackVersionsService) {}

  @Get()
  @Allow('packs:read')
  @ApiOperation({
    summary:
      '政策包、默认阈值及最新版本的设置 / policy packs, their defaults and the latest version’s settings',
  })
  @ApiAnswer(z.array(ZPackSummary))
  async list() {
    return Promise.all(
      allPacks().map(async (pack) => {
        const latest = (await this.versions.list(pack.id)).at(-1)!;
        return {
          id: pack.id,
          name: pack.name,
          title: pack.title,
          divisionCode: pack.divisionCode,
          divisions: packDivisions(pack),
          rules: pack.rules.length,
          defaults: pack.settingsSchema.parse({}),
          packWideSettings: PACK_WIDE_SETTINGS,
          latestVersion: latest,
          settingsSchema: jsonSchema(pack.settingsSchema as z.ZodType),
        };
      }),
    );
  }

  @Get(':id/rules')
  @Allow('packs:read')
  @ApiOperation({
    summary: '政策包的规则目录（含各规则读取的设置项）/ the rules of a pack, with the settings each reads',
  })
  @ApiAnswer(z.array(ZRuleView))
  rules(@Param('id') id: string): RuleView[] {
    return packOrNotFound(id).rules.map((r) => ruleView(r as RuleDefinition<unknown>));
  }
}
