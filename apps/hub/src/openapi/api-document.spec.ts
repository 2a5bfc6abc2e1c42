import { Validator } from '@seriousme/openapi-schema-validator';
import type { OpenAPIObject } from '@nestjs/swagger';
import { answerCoverage } from './api-document';
import { offlineApiDocument } from './document-app';

describe('the OpenAPI document', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await offlineApiDocument();
  });

  it('is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator, the 3.1 schema and its dialect)', async () => {
    const result = await new Validator().validate(
      structuredClone(document) as unknown as Parameters<Validator['validate']>[0],
    );
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it('would be refused by the validator with a response missing its description', async () => {
    const broken = structuredClone(document) as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, object> }>>;
    };
    broken.paths['/health']!.get!.responses['200'] = { content: {} };
    const result = await new Validator().validate(broken as unknown as Parameters<Validator['validate']>[0]);
    expect(result.valid).toBe(false);
  });

  it('describes the success answer of every operation: a 2xx schema, or no body by design', () => {
    const coverage = answerCoverage(document);
    const withSchema = `${coverage.withSchema}/${coverage.operations}`;
    const percent = ((100 * coverage.withSchema) / coverage.operations).toFixed(1);
    console.log(
      `OpenAPI response coverage: ${withSchema} operations with a 2xx schema (${percent} %); ` +
        `${coverage.withoutBody.length} answer no body by design (${coverage.withoutBody.join(', ')}); ` +
        `${coverage.undescribed.length} undescribed`,
    );
    expect(coverage.undescribed).toEqual([]);
    expect(coverage.withSchema + coverage.withoutBody.length).toBe(coverage.operations);
    expect(coverage.withoutBody.sort()).toEqual([
      'GET /api/auth/oidc/callback',
      'GET /api/auth/oidc/login',
      'POST /api/auth/logout',
    ]);
  });

  it('names its schemas in components and refers to them, and answers every error with the one error body', () => {
    const schemas = document.components?.schemas ?? {};
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['Error', 'Finding', 'Project', 'Review']));
    const findings = document.paths['/api/projects/{code}/findings']!.get!;
    expect(findings.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ProjectFindings' } } },
    });
    for (const item of Object.values(document.paths)) {
      for (const op of Object.values(item as Record<string, { responses: Record<string, unknown> }>)) {
        expect(op.responses['4XX']).toEqual({ $ref: '#/components/responses/Error' });
        expect(op.responses['5XX']).toEqual({ $ref: '#/components/responses/Error' });
      }
    }
    // Every $ref points at a schema the document holds.
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(50);
    for (const [, name] of refs) expect(schemas, name).toHaveProperty([name!]);
  });

  it('takes query parameters from the zod schema that validates them', () => {
    const list = document.paths['/api/alerts']!.get!;
    const pageSize = list.parameters?.find((p) => 'name' in p && p.name === 'pageSize');
    expect(pageSize).toMatchObject({ in: 'query', required: false, schema: { maximum: 500, default: 100 } });
  });
});
