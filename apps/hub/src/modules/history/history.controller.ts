import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodPipe } from '../../common/zod';
import { Allow, CurrentPrincipal } from '../auth/policy';
import { type Principal, scopeOf } from '../auth/roles';
import { CHANGE_KINDS, HistoryService, ZDiffQuery, ZTimelineQuery, ZTrendQuery } from './history.service';
import { ApiAnswer } from '../../openapi/api-answer';
import { ZProjectTimeline, ZRuleTrend, ZScanDiff } from './history.answers';

/**
 * Check history: a project's runs, a rule's trend across scans, the diff of two runs. Retention
 * (pruning) has no route: it deletes records, so it runs from the CLI (`hub history prune`) or the
 * schedule only.
 */
@ApiTags('history')
@Controller('api')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get('projects/:code/history')
  @Allow('projects:read')
  @ApiOperation({
    summary: '项目的检查历史（新的在前）/ the project’s check runs, newest first',
    description:
      'Each completed run (scan or targeted) that judged the project: readiness (ready iff no blocking, ' +
      'non-warning rule is FAIL or UNKNOWN), verdict counts, blocking rules, and the rules whose verdict ' +
      'changed since the run before it ({ruleId, from, to}; null = not judged in that run). An applicant ' +
      'sees its own unit’s projects only; another unit’s answers 404.',
  })
  @ApiQuery({ name: 'limit', required: false, description: '1–500, default 50' })
  @ApiAnswer(ZProjectTimeline)
  timeline(
    @CurrentPrincipal() me: Principal,
    @Param('code') code: string,
    @Query(new ZodPipe(ZTimelineQuery)) q: z.infer<typeof ZTimelineQuery>,
  ) {
    return this.history.projectTimeline(code, scopeOf(me), { limit: q.limit });
  }

  @Get('rules/:id/trend')
  @Allow('scans:read')
  @ApiOperation({
    summary: '规则在各次全市扫描中的结论分布 / a rule’s verdict counts per city scan',
    description:
      'For each of the latest `limit` completed scans, oldest to newest: how many projects the rule ' +
      'gave PASS, FAIL, WAIVED, NOT_APPLICABLE and UNKNOWN. 404 for a rule id of neither pack.',
  })
  @ApiQuery({ name: 'limit', required: false, description: 'how many latest scans, 1–400, default 30' })
  @ApiAnswer(ZRuleTrend)
  trend(@Param('id') id: string, @Query(new ZodPipe(ZTrendQuery)) q: z.infer<typeof ZTrendQuery>) {
    return this.history.ruleTrend(id, { limit: q.limit });
  }

  @Get('scans/diff')
  @Allow('scans:read')
  @ApiOperation({
    summary: '比较两次检查 / what changed between two completed runs',
    description:
      'Projects judged in both runs are compared rule by rule; failing = FAIL or UNKNOWN, a rule judged ' +
      'in one run only counts as not failing in the other. Disjoint classes: `regressed` = PASS, WAIVED ' +
      'or NOT_APPLICABLE before and FAIL now; `new` = any other move from not failing to failing (now ' +
      'UNKNOWN, or failing on a rule not judged before); `fixed` = failing before, not failing now. ' +
      '`counts` are complete (newlyFailing = new + regressed; stillFailing = failing in both, not ' +
      'listed); `changes` is one page (offset, limit) by project code and rule id, optionally of one ' +
      'class; projectsAdded / projectsRemoved (judged in one run only) list at most `limit` codes.',
  })
  @ApiQuery({ name: 'from', required: true, description: 'check run id' })
  @ApiQuery({ name: 'to', required: true, description: 'check run id' })
  @ApiQuery({ name: 'change', required: false, enum: CHANGE_KINDS })
  @ApiQuery({ name: 'offset', required: false, description: 'default 0' })
  @ApiQuery({ name: 'limit', required: false, description: '1–1000, default 200' })
  @ApiAnswer(ZScanDiff)
  diff(@Query(new ZodPipe(ZDiffQuery)) q: z.infer<typeof ZDiffQuery>) {
    return this.history.diff(q.from, q.to, q);
  }
}
