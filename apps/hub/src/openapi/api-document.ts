import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { NestContainer } from '@nestjs/core/injector/container';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
// Registers the one error body (`Error`) the document answers every 4xx / 5xx with.
import '../common/app-error';
import { jsonSchema, ZodPipe } from '../common/zod';
import { routeTable } from '../modules/auth/policy';
import { type Answer, answersOf } from './api-answer';
import { apiSchemas } from './api-schemas';

type Json = Record<string, unknown>;
type Operation = {
  operationId?: string;
  parameters?: Json[];
  requestBody?: Json;
  responses?: Record<string, Json>;
};

/** The document's address: the page at /api/docs, the JSON at /api/docs/openapi.json. */
export const API_DOCS_PATH = 'api/docs';
export const API_DOCUMENT_PATH = 'api/docs/openapi.json';

const SCHEMA_REF = '#/components/schemas/';
const ERROR_RESPONSE = { $ref: '#/components/responses/Error' };

/** A JSON Schema fragment for the document: no `$schema` / `$id` of its own. */
function fragment(schema: unknown): Json {
  const { $schema: _s, $id: _i, ...rest } = schema as Json;
  return rest;
}

interface RouteHandler {
  method: string;
  path: string;
  operationId: string;
  handler: object;
  args: { type: number; name?: string; schema?: z.ZodType }[];
}

/** Every route with its handler function and its zod-validated arguments. */
function routeHandlers(app: INestApplication): RouteHandler[] {
  // From the module container rather than the DiscoveryService provider, which Nest's preview mode
  // (the document without a database) does not create.
  const container = (app as unknown as { container: NestContainer }).container;
  const discovery = new DiscoveryService(container.getModules());
  const controllers = new Map(
    discovery.getControllers().flatMap((w) => (w.metatype ? [[w.metatype.name, w.metatype] as const] : [])),
  );
  return routeTable(discovery, new Reflector()).map((route) => {
    const type = controllers.get(route.controller)!;
    const meta = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, route.handler) ?? {}) as Record<
      string,
      { data?: unknown; pipes?: unknown[] }
    >;
    const args = Object.entries(meta).map(([key, arg]) => {
      const pipe = arg.pipes?.find((p): p is ZodPipe<z.ZodType> => p instanceof ZodPipe);
      return {
        type: Number(key.split(':')[0]),
        name: typeof arg.data === 'string' ? arg.data : undefined,
        schema: pipe?.schema,
      };
    });
    return {
      method: route.method.toLowerCase(),
      path: route.path.replace(/:([A-Za-z]+)/g, '{$1}'),
      operationId: `${route.controller}_${route.handler}`,
      handler: (type.prototype as Record<string, object>)[route.handler]!,
      args,
    };
  });
}

/**
 * Parameters from the zod schemas that validate them: path parameters by name, query parameters
 * from the query object's properties. Descriptions the controller wrote are kept.
 */
function parametersOf(route: RouteHandler, written: Json[]): Json[] {
  const describedAs = (name: string, where: string) =>
    written.find((p) => p.name === name && p.in === where)?.description as string | undefined;
  const path = [...route.path.matchAll(/\{([A-Za-z]+)\}/g)].map(([, name]) => {
    const schema = route.args.find((a) => a.type === RouteParamtypes.PARAM && a.name === name)?.schema;
    return {
      name,
      in: 'path',
      required: true,
      schema: schema ? fragment(jsonSchema(schema)) : { type: 'string' },
      ...(describedAs(name!, 'path') ? { description: describedAs(name!, 'path') } : {}),
    };
  });
  const query = route.args
    .filter((a) => a.type === RouteParamtypes.QUERY && a.schema && !a.name)
    .flatMap((a) => {
      const object = jsonSchema(a.schema!) as { properties?: Record<string, Json>; required?: string[] };
      return Object.entries(object.properties ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: (object.required ?? []).includes(name) && !('default' in schema),
        schema,
        ...(describedAs(name, 'query') ? { description: describedAs(name, 'query') } : {}),
      }));
    });
  // Query parameters the controller declared by hand (no zod object behind them) stay as written.
  const byHand = query.length ? [] : written.filter((p) => p.in === 'query');
  return [...path, ...query, ...byHand];
}

function requestBodyOf(route: RouteHandler, written: Json | undefined): Json | undefined {
  if (written) return written;
  const body = route.args.find((a) => a.type === RouteParamtypes.BODY && a.schema && !a.name);
  if (!body || route.method === 'get') return undefined;
  return { required: true, content: { 'application/json': { schema: fragment(jsonSchema(body.schema!)) } } };
}

function describeStatus(status: number): string {
  if (status === 204) return 'No content';
  if (status >= 300 && status < 400) return 'Redirect';
  if (status === 201) return 'Created';
  if (status === 202) return 'Accepted';
  return 'OK';
}

/** Media types and their schemas for one status of a route. */
function contentOf(answers: Answer[], refOf: (schema: z.ZodType) => Json): Json | undefined {
  const content: Json = {};
  for (const answer of answers) {
    if (answer.schema) content['application/json'] = { schema: refOf(answer.schema) };
    for (const type of answer.files ?? []) {
      content[type] = type.startsWith('text/')
        ? { schema: { type: 'string' } }
        : { schema: { type: 'string', contentMediaType: type } };
    }
  }
  return Object.keys(content).length ? content : undefined;
}

/**
 * The components of every named schema, plus a temporary name for each unnamed answer schema so
 * that its references to named ones are written as `$ref`; unnamed ones are inlined afterwards.
 */
function convertSchemas(answerSchemas: z.ZodType[]): {
  components: Record<string, Json>;
  refOf: (s: z.ZodType) => Json;
} {
  const registry = z.registry<{ id: string }>();
  const ids = new Map<z.ZodType, string>();
  for (const [id, schema] of apiSchemas) {
    registry.add(schema, { id });
    ids.set(schema, id);
  }
  const inline = new Map<z.ZodType, string>();
  answerSchemas.forEach((schema) => {
    if (ids.has(schema) || inline.has(schema)) return;
    const id = `__answer${inline.size}`;
    registry.add(schema, { id });
    inline.set(schema, id);
  });
  const converted = z.toJSONSchema(registry, {
    uri: (id) => `${SCHEMA_REF}${id}`,
    io: 'output',
    unrepresentable: 'any',
  }).schemas as Record<string, Json>;
  const components: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(converted))
    if (!id.startsWith('__answer')) components[id] = fragment(schema);
  const used = JSON.stringify(components);
  if (used.includes(`${SCHEMA_REF}__answer`))
    throw new Error('a named API schema uses an unnamed answer schema');
  return {
    components,
    refOf: (schema) =>
      ids.has(schema)
        ? { $ref: `${SCHEMA_REF}${ids.get(schema)!}` }
        : fragment(converted[inline.get(schema)!]),
  };
}

/**
 * The hub's OpenAPI 3.1 document: paths and descriptions from the controllers' decorators,
 * parameters and request bodies from the zod schemas that validate them, every success answer
 * from its `@ApiAnswer` zod schema (named ones in `components.schemas`), the one error body on
 * every 4xx / 5xx.
 */
export function buildApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('政务信息化项目验收合规中枢 API')
      .setDescription('Pre-acceptance checks, findings with evidence, upstream sources.')
      .setVersion('0.1.0')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        description: 'API 令牌 (hubt_…) 或会话令牌 / API token or session token',
      })
      .addCookieAuth('hub_session')
      .build(),
  );
  const routes = routeHandlers(app);
  const { components, refOf } = convertSchemas(
    routes.flatMap((r) => answersOf(r.handler).flatMap((a) => (a.schema ? [a.schema] : []))),
  );
  for (const route of routes) {
    const operation = (document.paths[route.path] as Record<string, Operation> | undefined)?.[route.method];
    if (!operation) continue;
    const parameters = parametersOf(route, (operation.parameters ?? []) as Json[]);
    if (parameters.length) operation.parameters = parameters;
    else delete operation.parameters;
    const body = requestBodyOf(route, operation.requestBody);
    if (body) operation.requestBody = body;
    const answers = answersOf(route.handler);
    const responses: Record<string, Json> = {};
    for (const status of [...new Set(answers.map((a) => a.status))].sort()) {
      const same = answers.filter((a) => a.status === status);
      const content = contentOf(same, refOf);
      responses[String(status)] = {
        description: same.find((a) => a.description)?.description ?? describeStatus(status),
        ...(content ? { content } : {}),
      };
    }
    operation.responses = answers.length
      ? { ...responses, '4XX': ERROR_RESPONSE, '5XX': ERROR_RESPONSE }
      : operation.responses;
  }
  document.components = {
    ...document.components,
    schemas: components,
    responses: {
      Error: {
        description: '错误：代码与处理建议（中文在前）/ an error: its code and what to do',
        content: { 'application/json': { schema: { $ref: `${SCHEMA_REF}Error` } } },
      },
    },
  } as OpenAPIObject['components'];
  return document;
}

/** Serves the document: the page at /api/docs and the JSON at /api/docs/openapi.json. */
export function serveApiDocument(app: INestApplication): void {
  SwaggerModule.setup(API_DOCS_PATH, app, buildApiDocument(app), { jsonDocumentUrl: API_DOCUMENT_PATH });
}

/** How completely the document describes success answers: what the coverage test prints. */
export interface AnswerCoverage {
  operations: number;
  /** operations with a 2xx answer that has a schema */
  withSchema: number;
  /** operations that declare a success answer with no body (204, a redirect) */
  withoutBody: string[];
  /** operations with no success answer at all */
  undescribed: string[];
}

/** Success statuses that carry no body: No Content and redirects. */
const ANSWERED_WITHOUT_BODY = /^(204|30[1-8])(,(204|30[1-8]))*$/;

export function answerCoverage(document: OpenAPIObject): AnswerCoverage {
  const coverage: AnswerCoverage = { operations: 0, withSchema: 0, withoutBody: [], undescribed: [] };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
      coverage.operations++;
      const success = Object.entries(op.responses ?? {}).filter(([s]) => /^[23]\d\d$/.test(s));
      const schemaed = success.some(
        ([s, r]) =>
          s.startsWith('2') && Object.values((r.content ?? {}) as Record<string, Json>).some((c) => c.schema),
      );
      if (schemaed) coverage.withSchema++;
      else if (success.length && ANSWERED_WITHOUT_BODY.test(success.map(([s]) => s).join())) {
        coverage.withoutBody.push(`${method.toUpperCase()} ${path}`);
      } else coverage.undescribed.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return coverage;
}
