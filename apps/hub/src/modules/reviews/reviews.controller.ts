import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ZProjectCode } from '@hub/contracts';
import { OPINION_LANGUAGES } from '@hub/reports';
import type { Response } from 'express';
import { z } from 'zod';
import { jsonSchema, ZodPipe } from '../../common/zod';
import { Allow, CurrentPrincipal, MultipartUpload } from '../auth/policy';
import { actorOf, type Principal, scopeOf, signerOf } from '../auth/roles';
import { apiRequester } from '../checks/checks.service';
import { attachment, renderOpinion, renderPortfolio } from './exports';
import { OPINION_FORMATS } from './review.types';
import { PortfolioService, ZPortfolioQuery } from './portfolio.service';
import {
  ATTACHMENT_CONTENT_TYPES,
  ATTACHMENT_EXTENSIONS,
  MAX_ATTACHMENT_BYTES,
  ZItemDoneInput,
} from './rectification';
import { ReviewsService, ZDecisionInput, ZOpinionRemarksInput } from './reviews.service';
import { ApiAnswer, ApiAnswerWithout } from '../../openapi/api-answer';
import {
  ZCheckStarted,
  ZOpinionDocument,
  ZPortfolioAnswer,
  ZReviewItems,
  ZReviewView,
} from './reviews.answers';

const ZApply = z.object({ projectCode: ZProjectCode, note: z.string().max(2000).optional() }).strict();
const ZListQuery = z
  .object({
    projectCode: ZProjectCode.optional(),
    status: z.enum(['applied', 'checked', 'decided']).optional(),
  })
  .strict();
/** `lang=zh` (default): Chinese only; `lang=bilingual`: Chinese with English. */
const ZOpinionQuery = z
  .object({
    format: z.enum(OPINION_FORMATS).default('json'),
    lang: z.enum(OPINION_LANGUAGES).default('zh'),
  })
  .strict();
/** `wait=false`: answer 202 with the run id at once instead of waiting for the check to finish. */
const ZCheckQuery = z.object({ wait: z.enum(['true', 'false']).default('true') }).strict();

/** The part of multer's file object an attachment reads. */
interface UploadedFileLike {
  originalname: string;
  buffer: Buffer;
}

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
  @ApiAnswer(ZReviewView, { status: 201 })
  apply(@CurrentPrincipal() me: Principal, @Body(new ZodPipe(ZApply)) body: z.infer<typeof ZApply>) {
    return this.reviews.apply(body.projectCode, body.note, apiRequester(me), scopeOf(me));
  }

  @Get('reviews')
  @Allow('reviews:read')
  @ApiOperation({ summary: '审查列表 / reviews' })
  @ApiQuery({ name: 'projectCode', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['applied', 'checked', 'decided'] })
  @ApiAnswer(z.array(ZReviewView))
  list(@CurrentPrincipal() me: Principal, @Query(new ZodPipe(ZListQuery)) q: z.infer<typeof ZListQuery>) {
    return this.reviews.list(q, scopeOf(me));
  }

  @Get('reviews/:id')
  @Allow('reviews:read')
  @ApiOperation({ summary: '一次审查 / one review' })
  @ApiAnswer(ZReviewView)
  get(@CurrentPrincipal() me: Principal, @Param('id', new ZodPipe(z.uuid())) id: string) {
    return this.reviews.get(id, scopeOf(me));
  }

  @Post('reviews/:id/check')
  @Allow('reviews:apply')
  @HttpCode(200)
  @ApiOperation({
    summary:
      '重新检查（与上次检查对比）；wait=false 时立即返回 202 与检查编号，进度见 GET /api/checks/:id / ' +
      're-check, compared with the previous check; with wait=false answers 202 with the run id at once',
  })
  @ApiQuery({ name: 'wait', required: false, enum: ['true', 'false'] })
  @ApiAnswer(ZReviewView, { description: 'the review with its new check (wait=true)' })
  @ApiAnswer(ZCheckStarted, {
    status: 202,
    description: 'the check started (wait=false); Location: /api/checks/:id',
  })
  async recheck(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(z.uuid())) id: string,
    @Query(new ZodPipe(ZCheckQuery)) q: z.infer<typeof ZCheckQuery>,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (q.wait === 'true') return this.reviews.check(id, apiRequester(me), scopeOf(me));
    const started = await this.reviews.startCheck(id, apiRequester(me), scopeOf(me));
    res.status(202).setHeader('Location', `/api/checks/${started.checkRunId}`);
    return started;
  }

  @Post('reviews/:id/decision')
  @Allow('reviews:decide')
  @HttpCode(200)
  @ApiOperation({ summary: '审查决定：同意 / 不同意 / 整改后复核 / decide a review' })
  @ApiBody({ schema: jsonSchema(ZDecisionInput) })
  @ApiAnswer(ZReviewView)
  decide(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(z.uuid())) id: string,
    @Body(new ZodPipe(ZDecisionInput)) body: z.infer<typeof ZDecisionInput>,
  ) {
    return this.reviews.decide(id, body, actorOf(me), signerOf(me));
  }

  @Patch('reviews/:id/opinion')
  @Allow('reviews:decide')
  @ApiOperation({
    summary:
      '编辑审查意见草稿（结论意见与各部分意见，决定后不可再改）/ edit the reviewer remarks of the draft opinion',
  })
  @ApiBody({ schema: jsonSchema(ZOpinionRemarksInput) })
  @ApiAnswer(ZOpinionDocument)
  editOpinion(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(z.uuid())) id: string,
    @Body(new ZodPipe(ZOpinionRemarksInput)) body: z.infer<typeof ZOpinionRemarksInput>,
  ) {
    return this.reviews.updateRemarks(id, body, actorOf(me));
  }

  @Get('reviews/:id/items')
  @Allow('reviews:read')
  @ApiOperation({
    summary:
      '整改事项（含从上次审查转入的）及上次审查已完成的事项，复查仍不通过的带警告 / ' +
      'rectification items, with the done items of the previous review; a warning where the re-check still fails',
  })
  @ApiAnswer(ZReviewItems)
  items(@CurrentPrincipal() me: Principal, @Param('id', new ZodPipe(z.uuid())) id: string) {
    return this.reviews.items(id, scopeOf(me));
  }

  @Post('reviews/:id/items/:itemId/done')
  @Allow('reviews:apply')
  @MultipartUpload()
  @HttpCode(200)
  @ApiOperation({
    summary:
      '整改事项已完成：整改说明（必填）与佐证附件（可选，multipart 的 file 字段）/ ' +
      'mark a rectification item done, with a note and optionally a file',
    description:
      `JSON \`{ note }\`, or multipart/form-data with the field \`note\` and the file \`file\` ` +
      `(${ATTACHMENT_EXTENSIONS.join(', ')}; at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB). ` +
      'Who did it is the signed-in user (their display name).',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['note'],
      properties: { note: { type: 'string', maxLength: 2000 }, file: { type: 'string', format: 'binary' } },
    },
  })
  @UseInterceptors(
    FileInterceptor('file', {
      limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 4, fieldSize: 64 * 1024 },
    }),
  )
  @ApiAnswer(ZReviewView)
  done(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(z.uuid())) id: string,
    @Param('itemId', new ZodPipe(z.uuid())) itemId: string,
    @Body(new ZodPipe(ZItemDoneInput)) body: z.infer<typeof ZItemDoneInput>,
    @UploadedFile() file: UploadedFileLike | undefined,
  ) {
    const upload = file
      ? // multer reads the part's file name as latin1; browsers send UTF-8
        { fileName: Buffer.from(file.originalname, 'latin1').toString('utf8'), content: file.buffer }
      : null;
    return this.reviews.completeItem(id, itemId, body, upload, actorOf(me), signerOf(me), scopeOf(me));
  }

  @Get('reviews/:id/items/:itemId/attachment')
  @Allow('reviews:read')
  @ApiOperation({ summary: '下载整改事项的佐证附件 / download a rectification item’s attachment' })
  @ApiAnswerWithout(200, '佐证附件原文件 / the attachment as uploaded', ATTACHMENT_CONTENT_TYPES)
  async attachment(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(z.uuid())) id: string,
    @Param('itemId', new ZodPipe(z.uuid())) itemId: string,
    @Res() res: Response,
  ) {
    const file = await this.reviews.itemAttachment(id, itemId, scopeOf(me));
    res.type(file.contentType);
    res.setHeader('Content-Disposition', attachment(file.fileName));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(file.content);
  }

  @Get('reviews/:id/opinion')
  @Allow('reviews:read')
  @ApiOperation({
    summary:
      '技术审查意见（json / html / pdf / xlsx；lang=zh 仅中文，lang=bilingual 中英对照）/ the review opinion',
  })
  @ApiQuery({ name: 'format', required: false, enum: OPINION_FORMATS })
  @ApiQuery({ name: 'lang', required: false, enum: OPINION_LANGUAGES })
  @ApiAnswer(ZOpinionDocument, {
    files: [
      'text/html',
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
  })
  async opinion(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(z.uuid())) id: string,
    @Query(new ZodPipe(ZOpinionQuery)) q: z.infer<typeof ZOpinionQuery>,
    @Res() res: Response,
  ) {
    const file = await renderOpinion(await this.reviews.opinion(id, scopeOf(me)), q.format, q.lang);
    res.type(file.contentType);
    if (q.format !== 'json' && q.format !== 'html')
      res.setHeader('Content-Disposition', attachment(file.fileName));
    res.send(file.body);
  }

  @Get('portfolio')
  @Allow('projects:read')
  @ApiOperation({
    summary:
      '项目总览：验收条件与结论计数，可按关键词、单位、区划、政策包、状态、规则、结论、审查领域筛选，可分页，可导出 csv/xlsx / portfolio',
    description:
      'Each project’s readiness, verdict counts and per-rule verdicts (`verdicts`) from its latest ' +
      'completed check. `ruleId`, `verdict` and `domain` select projects with one finding matching all ' +
      'of those given. JSON with `page` or `pageSize` answers one page `{ total, page, pageSize, items }` ' +
      '(pageSize default 50, at most 500); without them, every row as an array. csv and xlsx always ' +
      'hold every row of the filtered view. An applicant sees its own unit’s projects only.',
  })
  @ApiAnswer(ZPortfolioAnswer, {
    files: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  })
  async portfolioRows(
    @CurrentPrincipal() me: Principal,
    @Query(new ZodPipe(ZPortfolioQuery)) q: z.infer<typeof ZPortfolioQuery>,
    @Res() res: Response,
  ) {
    const { format, page, pageSize, ...filter } = q;
    if (format === 'json' && (page !== undefined || pageSize !== undefined)) {
      res.json(await this.portfolio.page(filter, scopeOf(me), { page: page ?? 1, pageSize: pageSize ?? 50 }));
      return;
    }
    const file = await renderPortfolio(await this.portfolio.rows(filter, scopeOf(me)), format);
    res.type(file.contentType);
    if (format !== 'json') res.setHeader('Content-Disposition', attachment(file.fileName));
    res.send(file.body);
  }
}
