import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SOURCE_IDS } from '@hub/connectors';
import { ZProjectCode } from '@hub/contracts';
import { z } from 'zod';
import { jsonSchema, ZodPipe } from '../../common/zod';
import { PrismaService } from '../../infra/database/prisma.service';
import { Allow, CurrentPrincipal } from '../auth/policy';
import { actorOf, type Principal } from '../auth/roles';
import { BindingsAdminService, unboundRunningResources } from './bindings-admin.service';
import { ApiAnswer } from '../../openapi/api-answer';
import { ZBindingDecisionView, ZBindingPage, ZUnboundResource } from './bindings.answers';

const ZListQuery = z.object({
  status: z.enum(['pending', 'confirmed', 'rejected', 'code']).optional(),
  projectCode: ZProjectCode.optional(),
  source: z.enum(SOURCE_IDS).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
/** The decision log names the signed-in caller; the comment says why. */
const ZDecision = z.object({ comment: z.string().max(1000).optional() }).strict();
const ZBind = ZDecision.extend({ record: z.string().min(1).max(300), projectCode: ZProjectCode }).strict();

@ApiTags('bindings')
@Controller('api')
export class BindingsController {
  constructor(
    private readonly bindings: BindingsAdminService,
    private readonly prisma: PrismaService,
  ) {}

  @Get('bindings')
  @Allow('bindings:read')
  @ApiOperation({ summary: '记录与项目的绑定（pending = 待确认的建议匹配）/ record ↔ project bindings' })
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'confirmed', 'rejected', 'code'] })
  @ApiQuery({ name: 'projectCode', required: false })
  @ApiQuery({ name: 'source', required: false, enum: SOURCE_IDS })
  @ApiAnswer(ZBindingPage)
  list(@Query(new ZodPipe(ZListQuery)) q: z.infer<typeof ZListQuery>) {
    return this.bindings.list({ ...q, skip: (q.page - 1) * q.pageSize, take: q.pageSize });
  }

  @Post('bindings/:id/confirm')
  @Allow('bindings:decide')
  @HttpCode(200)
  @ApiOperation({ summary: '确认建议匹配 / confirm a suggested match' })
  @ApiBody({ schema: jsonSchema(ZDecision) })
  @ApiAnswer(ZBindingDecisionView)
  confirm(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(z.uuid())) id: string,
    @Body(new ZodPipe(ZDecision)) body: z.infer<typeof ZDecision>,
  ) {
    return this.bindings.confirm(id, actorOf(me), body.comment);
  }

  @Post('bindings/:id/reject')
  @Allow('bindings:decide')
  @HttpCode(200)
  @ApiOperation({ summary: '否决建议匹配 / reject a suggested match' })
  @ApiBody({ schema: jsonSchema(ZDecision) })
  @ApiAnswer(ZBindingDecisionView)
  reject(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(z.uuid())) id: string,
    @Body(new ZodPipe(ZDecision)) body: z.infer<typeof ZDecision>,
  ) {
    return this.bindings.reject(id, actorOf(me), body.comment);
  }

  @Post('bindings')
  @Allow('bindings:decide')
  @HttpCode(201)
  @ApiOperation({ summary: '手工绑定记录到项目 / bind a record to a project by hand' })
  @ApiBody({ schema: jsonSchema(ZBind) })
  @ApiAnswer(ZBindingDecisionView, { status: 201 })
  bind(@CurrentPrincipal() me: Principal, @Body(new ZodPipe(ZBind)) body: z.infer<typeof ZBind>) {
    return this.bindings.bind(body.record, body.projectCode, actorOf(me), body.comment);
  }

  @Post('bindings/unbind')
  @Allow('bindings:decide')
  @HttpCode(200)
  @ApiOperation({ summary: '解除绑定 / undo a binding' })
  @ApiBody({ schema: jsonSchema(ZBind) })
  @ApiAnswer(ZBindingDecisionView)
  unbind(@CurrentPrincipal() me: Principal, @Body(new ZodPipe(ZBind)) body: z.infer<typeof ZBind>) {
    return this.bindings.unbind(body.record, body.projectCode, actorOf(me), body.comment);
  }

  @Get('resources/unbound')
  @Allow('sources:read')
  @ApiOperation({ summary: '未归属任何项目的运行中云资源 / running cloud resources of no project' })
  @ApiAnswer(z.array(ZUnboundResource))
  unbound() {
    return unboundRunningResources(this.prisma);
  }
}
