import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import { jsonSchema, ZodPipe } from '../../common/zod';
import { Allow, CurrentPrincipal, RateLimited } from './policy';
import { actorOf, type Principal, roleAllows } from './roles';
import { TokensService, ZTokenRequest } from './tokens.service';
import { UsersService, ZUsername } from './users.service';
import { ApiAnswer } from '../../openapi/api-answer';
import { ZIssuedToken, ZTokenView } from './auth.answers';

const ZCreateToken = ZTokenRequest.extend({
  /** whose token: yourself when absent; another user needs tokens:manage */
  username: ZUsername.optional(),
}).strict();

@ApiTags('tokens')
@Controller('api/tokens')
export class TokensController {
  constructor(
    private readonly tokens: TokensService,
    private readonly users: UsersService,
  ) {}

  @Get()
  @Allow('tokens:own')
  @ApiOperation({ summary: '我的 API 令牌（管理员：全部）/ my API tokens (administrators: all)' })
  @ApiAnswer(z.array(ZTokenView))
  list(@CurrentPrincipal() me: Principal) {
    return this.tokens.list(roleAllows(me.role, 'tokens:manage') ? null : me.userId);
  }

  @Post()
  @Allow('tokens:own')
  @RateLimited()
  @ApiOperation({ summary: '签发 API 令牌（明文只返回这一次）/ issue an API token; shown once' })
  @ApiBody({ schema: jsonSchema(ZCreateToken) })
  @ApiAnswer(ZIssuedToken, { status: 201 })
  async create(
    @CurrentPrincipal() me: Principal,
    @Body(new ZodPipe(ZCreateToken)) body: z.infer<typeof ZCreateToken>,
  ) {
    const forOther = body.username !== undefined && body.username !== me.username;
    if (forOther && !roleAllows(me.role, 'tokens:manage')) {
      throw new AppError('FORBIDDEN', {
        zh: '只能为自己签发令牌',
        en: 'You may issue tokens only for yourself',
      });
    }
    if (!me.userId)
      throw new AppError('FORBIDDEN', { zh: '该身份不能签发令牌', en: 'This caller cannot issue tokens' });
    const owner = await this.users.get(forOther ? body.username! : me.userId);
    const { token, view } = await this.tokens.create(
      owner,
      { name: body.name, expiresInDays: body.expiresInDays },
      actorOf(me),
    );
    return { token, ...view };
  }

  @Delete(':id')
  @Allow('tokens:own')
  @ApiOperation({ summary: '吊销 API 令牌 / revoke an API token' })
  @ApiAnswer(ZTokenView)
  revoke(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(z.string().min(1).max(100))) id: string,
  ) {
    return this.tokens.revoke(id, actorOf(me), roleAllows(me.role, 'tokens:manage') ? null : me.userId);
  }
}
