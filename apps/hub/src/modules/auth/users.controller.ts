import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { jsonSchema, ZodPipe } from '../../common/zod';
import { Allow, CurrentPrincipal } from './policy';
import { actorOf, type Principal } from './roles';
import { UsersService, ZUserInput, ZUserUpdate } from './users.service';
import { ApiAnswer } from '../../openapi/api-answer';
import { ZUserView, ZUserWithPassword } from './auth.answers';

const ZUserRef = z.string().min(1).max(64);

@ApiTags('users')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Allow('users:read')
  @ApiOperation({ summary: '用户列表 / users' })
  @ApiAnswer(z.array(ZUserView))
  list() {
    return this.users.list();
  }

  @Post()
  @Allow('users:manage')
  @HttpCode(201)
  @ApiOperation({
    summary: '新建用户（返回一次性密码，仅此一次）/ create a user; returns a one-time password once',
  })
  @ApiBody({ schema: jsonSchema(ZUserInput) })
  @ApiAnswer(ZUserWithPassword, { status: 201 })
  create(@CurrentPrincipal() me: Principal, @Body(new ZodPipe(ZUserInput)) body: z.infer<typeof ZUserInput>) {
    return this.users.create(body, actorOf(me));
  }

  @Patch(':id')
  @Allow('users:manage')
  @ApiOperation({ summary: '修改角色、单位或停用 / change role, unit, or disable' })
  @ApiBody({ schema: jsonSchema(ZUserUpdate) })
  @ApiAnswer(ZUserView)
  update(
    @CurrentPrincipal() me: Principal,
    @Param('id', new ZodPipe(ZUserRef)) id: string,
    @Body(new ZodPipe(ZUserUpdate)) body: z.infer<typeof ZUserUpdate>,
  ) {
    return this.users.update(id, body, actorOf(me));
  }

  @Post(':id/password-reset')
  @Allow('users:manage')
  @HttpCode(200)
  @ApiOperation({ summary: '重置为一次性密码 / reset to a one-time password' })
  @ApiAnswer(ZUserWithPassword)
  resetPassword(@CurrentPrincipal() me: Principal, @Param('id', new ZodPipe(ZUserRef)) id: string) {
    return this.users.resetPassword(id, actorOf(me));
  }
}
