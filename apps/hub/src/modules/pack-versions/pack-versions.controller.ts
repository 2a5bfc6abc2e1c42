import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZProjectCode } from '@hub/contracts';
import { z } from 'zod';
import { jsonSchema, ZodPipe } from '../../common/zod';
import { Allow, CurrentPrincipal } from '../auth/policy';
import { actorOf, type Principal } from '../auth/roles';
import { PackVersionsService, ZPackDraft } from '../packs/pack-versions.service';
import { PackImpactService } from './pack-impact.service';
import { ApiAnswer } from '../../openapi/api-answer';
import { ZImpactPreview, ZPackVersionView, ZPinView } from '../packs/packs.answers';

const ZPin = z.object({ projectCode: ZProjectCode, version: z.number().int().min(1).nullable() }).strict();

@ApiTags('packs')
@Controller('api/packs')
export class PackVersionsController {
  constructor(
    private readonly versions: PackVersionsService,
    private readonly impact: PackImpactService,
  ) {}

  @Get(':id/versions')
  @Allow('packs:read')
  @ApiOperation({ summary: '政策包的设置版本及生效日期 / the pack’s settings versions' })
  @ApiAnswer(z.array(ZPackVersionView))
  list(@Param('id') id: string) {
    return this.versions.list(id);
  }

  @Post(':id/preview')
  @Allow('packs:preview')
  @HttpCode(200)
  @ApiOperation({ summary: '草稿影响预览：哪些项目的结论会改变 / which verdicts a draft would flip' })
  @ApiBody({ schema: jsonSchema(ZPackDraft) })
  @ApiAnswer(ZImpactPreview)
  preview(@Param('id') id: string, @Body(new ZodPipe(ZPackDraft)) body: z.input<typeof ZPackDraft>) {
    return this.impact.preview(id, body);
  }

  @Post(':id/versions')
  @Allow('packs:manage')
  @HttpCode(201)
  @ApiOperation({ summary: '发布新版本（含生效日期）/ publish a new version with its effective date' })
  @ApiBody({ schema: jsonSchema(ZPackDraft) })
  @ApiAnswer(ZPackVersionView, { status: 201 })
  publish(
    @CurrentPrincipal() me: Principal,
    @Param('id') id: string,
    @Body(new ZodPipe(ZPackDraft)) body: z.input<typeof ZPackDraft>,
  ) {
    return this.versions.publish(id, body, actorOf(me));
  }

  @Post(':id/pins')
  @Allow('packs:manage')
  @HttpCode(200)
  @ApiOperation({
    summary:
      '对项目适用本政策包的指定版本（null 恢复按立项日期）/ apply a version of this pack to one of its projects',
  })
  @ApiBody({ schema: jsonSchema(ZPin) })
  @ApiAnswer(ZPinView)
  pin(
    @CurrentPrincipal() me: Principal,
    @Param('id') id: string,
    @Body(new ZodPipe(ZPin)) body: z.infer<typeof ZPin>,
  ) {
    return this.versions.pin(id, body.projectCode, body.version, actorOf(me));
  }
}
