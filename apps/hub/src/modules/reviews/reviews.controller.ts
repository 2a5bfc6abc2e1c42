import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ZProjectCode } from '@hub/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { jsonSchema, ZodPipe } from '../../common/zod';
import { Allow, CurrentPrincipal } from '../auth/policy';
import { actorOf, type Principal, scopeOf } from '../auth/roles';
import { attachment, OPINION_FORMATS, renderOpinion, renderPortfolio } from './exports';
import { PortfolioService, ZPortfolioQuery } from './portfolio.service';
import { ReviewsService, ZDecisionInput } from './reviews.service';

const ZApply = z.object({ projectCode: ZProjectCode, note: z.string().max(2000).optional() }).strict();
const ZListQuery = z
  .object({
    projectCode: ZProjectCode.optional(),
    status: z.enum(['applied', 'checked', 'decided']).optional(),
  })
  .strict();
const ZOpinionQuery = z.object({ format: z.enum(OPINION_FORMATS).default('json') }).strict();

@ApiTags('reviews')
@Controller('api')
export class ReviewsController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly portfolio: PortfolioService,
  ) {}

  @Post('reviews')
  @Allow('reviews:apply')
  @HttpCode(201)
  @ApiOperation({
    summary: '申请竣工验收前技术审查（随即检查）/ apply for a pre-acceptance review; a fresh check runs',
  })
  @ApiBody({ schema: jsonSchema(ZApply) })
  apply(@CurrentPrincipal() me: Principal, @Body(new ZodPipe(ZApply)) body: z.infer<typeof ZApply>) {
    return this.reviews.apply(body.projectCode, body.note, actorOf(me), scopeOf(me));
  }

  @Get('reviews')
  @Allow('reviews:read')
  @ApiOperation({ summary: '审查列表 / reviews' })
  @ApiQuery({ name: 'projectCode', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['applied', 'checked', 'decided'] })
  list(@CurrentPrincipal() me: Principal, @Query(new ZodPipe(ZListQuery)) q: z.infer<typeof ZListQuery>) {
    return this.reviews.list(q, scopeOf(me));
  }

  @Get('reviews/:id')
  @Allow('reviews:read')
  @ApiOperation({ summary: '一次审查 / one review' })
  get(@CurrentPrincipal() me: Principal, @Param('id', new ZodPipe(z.uuid())) id: string) {
    return this.reviews.get(id, scopeOf(me));
  }

  @Post('reviews/:id/check')
  @Allow('reviews:apply')
  @HttpCode(200)
  @ApiOperation({ summary: '重新检查（与上次检查对比）/ re-check, compared with the previous check' })
  recheck(@CurrentPrincipal() me: Principal, @Param('id', new ZodPipe(z.uuid())) id: string) {
    return this.reviews.check(id, actorOf(me), scopeOf(me));
  }

  @Post('reviews/:id/decision')
  @Allow('reviews:decide')
  @HttpCode(200)
  @ApiOperation({ summary: '审查决定：同意 / 不同意 / 整改后复核 / decide a review' })
  @ApiBody({ schema: jsonSchema(ZDecisionInput) })
  decide(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(z.uuid())) id: string,
    @Body(new ZodPipe(ZDecisionInput)) body: z.infer<typeof ZDecisionInput>,
  ) {
    return this.reviews.decide(id, body, actorOf(me));
  }

  @Post('reviews/:id/items/:itemId/done')
  @Allow('reviews:apply')
  @HttpCode(200)
  @ApiOperation({ summary: '整改事项已完成 / mark a rectification item done' })
  done(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(z.uuid())) id: string,
    @Param('itemId', new ZodPipe(z.uuid())) itemId: string,
  ) {
    return this.reviews.completeItem(id, itemId, actorOf(me), scopeOf(me));
  }

  @Get('reviews/:id/opinion')
  @Allow('reviews:read')
  @ApiOperation({ summary: '技术审查意见（json / html / pdf / xlsx）/ the review opinion' })
  @ApiQuery({ name: 'format', required: false, enum: OPINION_FORMATS })
  async opinion(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(z.uuid())) id: string,
    @Query(new ZodPipe(ZOpinionQuery)) q: z.infer<typeof ZOpinionQuery>,
    @Res() res: Response,
  ) {
    const file = await renderOpinion(await this.reviews.opinion(id, scopeOf(me)), q.format);
    res.type(file.contentType);
    if (q.format !== 'json' && q.format !== 'html')
      res.setHeader('Content-Disposition', attachment(file.fileName));
    res.send(file.body);
  }

  @Get('portfolio')
  @Allow('projects:read')
  @ApiOperation({
    summary:
      '项目总览：验收条件与结论计数，可按单位、区划、政策包、状态、规则、结论筛选，可导出 csv/xlsx / portfolio',
  })
  async portfolioRows(
    @CurrentPrincipal() me: Principal,
    @Query(new ZodPipe(ZPortfolioQuery)) q: z.infer<typeof ZPortfolioQuery>,
    @Res() res: Response,
  ) {
    const { format, ...filter } = q;
    const file = await renderPortfolio(await this.portfolio.rows(filter, scopeOf(me)), format);
    res.type(file.contentType);
    if (format !== 'json') res.setHeader('Content-Disposition', attachment(file.fileName));
    res.send(file.body);
  }
}
