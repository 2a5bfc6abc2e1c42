import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZProjectCode } from '@hub/contracts';
import { z } from 'zod';
import { jsonSchema, ZodPipe } from '../../common/zod';
import { Allow, CurrentPrincipal } from '../auth/policy';
import { type Principal, scopeOf } from '../auth/roles';
import { apiRequester, ChecksService } from './checks.service';
import { FindingsRepository } from './findings.repository';
import { ApiAnswer } from '../../openapi/api-answer';
import { ZCheckReport, ZFindingsSummary, ZFindingView } from './checks.answers';

const ZCheckRequest = z.object({ projectCode: ZProjectCode }).strict();

@ApiTags('checks')
@Controller('api')
export class ChecksController {
  constructor(
    private readonly checks: ChecksService,
    private readonly findings: FindingsRepository,
  ) {}

  @Post('checks')
  @Allow('checks:run')
  @HttpCode(201)
  @ApiOperation({
    summary: '对一个项目取最新数据并检查 / fetch fresh upstream data for one project and evaluate it',
  })
  @ApiBody({ schema: jsonSchema(ZCheckRequest) })
  @ApiAnswer(ZCheckReport, { status: 201 })
  check(
    @CurrentPrincipal() me: Principal,
    @Body(new ZodPipe(ZCheckRequest)) body: z.infer<typeof ZCheckRequest>,
  ) {
    return this.checks.checkProject(body.projectCode, scopeOf(me), {}, apiRequester(me));
  }

  @Get('checks/:id')
  @Allow('checks:read')
  @ApiOperation({ summary: '检查结果 / one check run' })
  @ApiAnswer(ZCheckReport)
  get(@CurrentPrincipal() me: Principal, @Param('id', new ZodPipe(z.uuid())) id: string) {
    return this.checks.getRun(id, scopeOf(me));
  }

  @Get('findings/summary')
  @Allow('projects:read')
  @ApiOperation({
    summary: '全部项目的验收条件与结论统计 / readiness and verdict counts of every project',
    description:
      'Over the latest completed check of every project the caller may see (an applicant: its own ' +
      'unit’s): how many are ready, not ready (a blocking, non-warning rule is FAIL or UNKNOWN) or ' +
      'never checked, and the findings per verdict, in total and per review domain.',
  })
  @ApiAnswer(ZFindingsSummary)
  summary(@CurrentPrincipal() me: Principal) {
    return this.findings.summary(scopeOf(me));
  }

  @Get('findings')
  @Allow('projects:read')
  @ApiOperation({ summary: '每个项目最近一次检查的结论 / every project’s latest findings' })
  @ApiAnswer(z.array(ZFindingView))
  all(@CurrentPrincipal() me: Principal) {
    return this.findings.latestAll(scopeOf(me));
  }
}
