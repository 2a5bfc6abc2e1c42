import { Controller, Get, HttpCode, type INestApplication, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { z } from 'zod';
import { ApiAnswer } from './api-answer';
import { AnswerCheckInterceptor } from './answer-check.interceptor';

const ZThing = z.object({ id: z.string(), count: z.number().int() });

@Controller('things')
class ThingsController {
  @Get('good')
  @ApiAnswer(ZThing)
  good() {
    return { id: 'a', count: 1, extra: true };
  }

  @Get('bad')
  @ApiAnswer(ZThing)
  bad() {
    return { id: 'a', count: '1' };
  }

  @Post()
  @HttpCode(202)
  @ApiAnswer(ZThing)
  undocumentedStatus() {
    return { id: 'a', count: 1 };
  }
}

describe(AnswerCheckInterceptor.name, () => {
  let app: INestApplication;
  let sut: AnswerCheckInterceptor;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ThingsController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    sut = new AnswerCheckInterceptor();
    app.useGlobalInterceptors(sut);
    await app.init();
  });
  afterAll(() => app.close());

  it('lets an answer through that meets its schema', async () => {
    await request(app.getHttpServer()).get('/things/good').expect(200);
    expect(sut.mismatches).toEqual([]);
  });

  it('fails an answer unlike its schema and names the field', async () => {
    await request(app.getHttpServer()).get('/things/bad').expect(500);
    expect(sut.mismatches.at(-1)).toMatchObject({ route: 'GET /things/bad', status: 200 });
    expect(sut.mismatches.at(-1)!.problems.join()).toContain('count');
  });

  it('fails an answer whose status has no documented schema', async () => {
    await request(app.getHttpServer()).post('/things').expect(500);
    expect(sut.mismatches.at(-1)).toMatchObject({
      status: 202,
      problems: ['no @ApiAnswer schema for status 202'],
    });
  });
});
