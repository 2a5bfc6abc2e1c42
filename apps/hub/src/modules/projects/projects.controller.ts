import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ZProjectCode } from '@hub/contracts';
import { readinessOf } from '@hub/rules';
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import { ZLoadedPackId, ZodPipe } from '../../common/zod';
import { Allow, CurrentPrincipal } from '../auth/policy';
import { type Principal, scopeOf } from '../auth/roles';
import { FindingsRepository, toFindingView } from '../checks/findings.repository';
import { EvidenceService } from './evidence.service';
import { ProjectsRepository, toProject } from './projects.repository';
import { ApiAnswer } from '../../openapi/api-answer';
import { ZFindingEvidence, ZProjectDetail, ZProjectFindings, ZProjectPage } from './projects.answers';

const ZProjectListQuery = z.object({
  pack: ZLoadedPackId.optional(),
  region: z
    .string()
    .regex(/^[0-9]{6}$/)
    .optional(),
  unitCode: z.string().length(18).optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

@ApiTags('projects')
@Controller('api/projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly findings: FindingsRepository,
    private readonly evidence: EvidenceService,
  ) {}

  @Get()
  @Allow('projects:read')
  @ApiOperation({ summary: '项目列表 / list projects' })
  @ApiQuery({ name: 'pack', required: false, description: '政策包标识 / a loaded pack id (GET /api/packs)' })
  @ApiQuery({ name: 'region', required: false })
  @ApiQuery({ name: 'unitCode', required: false })
  @ApiQuery({ name: 'q', required: false, description: 'code, name or unit contains' })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  @ApiAnswer(ZProjectPage)
  async list(
    @CurrentPrincipal() me: Principal,
    @Query(new ZodPipe(ZProjectListQuery)) q: z.infer<typeof ZProjectListQuery>,
  ) {
    const { items, total } = await this.projects.list(
      {
        policyPack: q.pack,
        region: q.region,
        unitCode: q.unitCode,
        search: q.q,
        skip: (q.page - 1) * q.pageSize,
        take: q.pageSize,
      },
      scopeOf(me),
    );
    return { total, page: q.page, pageSize: q.pageSize, items: items.map(toProject) };
  }

  @Get(':code')
  @Allow('projects:read')
  @ApiOperation({
    summary:
      '项目详情，含其台账来源与不可采信的上游记录 / one project, with its registry import and its untrusted upstream records',
  })
  @ApiAnswer(ZProjectDetail)
  async get(@CurrentPrincipal() me: Principal, @Param('code', new ZodPipe(ZProjectCode)) code: string) {
    const project = await this.projects.findVisible(code, scopeOf(me));
    if (!project) throw AppError.projectNotFound(code);
    const [registry, untrustedRecords] = await Promise.all([
      this.projects.provenanceOf(project),
      this.evidence.untrustedOf(project.id),
    ]);
    return { ...toProject(project), registry, untrustedRecords };
  }

  @Get(':code/findings')
  @Allow('projects:read')
  @ApiOperation({ summary: '项目最近一次检查的结论 / the project’s latest findings' })
  @ApiAnswer(ZProjectFindings)
  async latestFindings(
    @CurrentPrincipal() me: Principal,
    @Param('code', new ZodPipe(ZProjectCode)) code: string,
  ) {
    const project = await this.projects.findVisible(code, scopeOf(me));
    if (!project) throw AppError.projectNotFound(code);
    const rows = await this.findings.latestForProject(project.id);
    if (!rows) {
      throw new AppError('NOT_FOUND', {
        zh: `项目 ${code} 尚未检查：请先发起检查（POST /api/checks）或扫描`,
        en: `Project ${code} has not been checked yet: run a check (POST /api/checks) or a scan`,
      });
    }
    const findings = rows.map((f) => toFindingView(f, code));
    return {
      projectCode: code,
      checkRunId: rows[0]!.checkRunId,
      evaluatedAt: rows[0]!.createdAt.toISOString(),
      ...readinessOf(findings),
      findings,
    };
  }

  @Get(':code/findings/:ruleId/evidence')
  @Allow('projects:read')
  @ApiOperation({
    summary:
      '最近一次检查中一条结论所依据的上游记录 / the upstream records behind one finding of the latest check',
    description:
      'For each evidence reference of the finding (source, kind, external id, fetched at, content hash ' +
      'as judged): the stored record as it last arrived, payload included, and whether it is still the ' +
      'version judged (`sameAsEvidence`). An applicant sees its own unit’s projects only; another ' +
      'unit’s answers 404.',
  })
  @ApiAnswer(ZFindingEvidence)
  findingEvidence(
    @CurrentPrincipal() me: Principal,
    @Param('code', new ZodPipe(ZProjectCode)) code: string,
    // Any id is looked up: an unknown rule answers 404 (no such finding), as another unit’s project does.
    @Param('ruleId', new ZodPipe(z.string().min(1).max(64))) ruleId: string,
  ) {
    return this.evidence.forFinding(code, ruleId, scopeOf(me));
  }
}
