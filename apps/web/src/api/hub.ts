import { api, type RequestOptions } from './client';
import type { paths } from './schema.gen';

/**
 * The hub's API typed by its OpenAPI document: a thin layer over `api` (same fetch, errors and
 * session handling) whose paths, path parameters, queries, bodies and answers come from
 * `schema.gen.ts`, so a route or an answer that changes on the hub breaks the build here.
 */
type Method = 'get' | 'post' | 'patch' | 'delete';
type PathsWith<M extends Method> = {
  [P in keyof paths]: [NonNullable<paths[P][M]>] extends [never] ? never : P;
}[keyof paths];
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<A> = A extends { content: { 'application/json': infer B } } ? B : undefined;
/** The JSON a route answers on success (`undefined` for 204 No Content). */
export type Answer<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R }
    ? R extends { 200: infer A }
      ? JsonOf<A>
      : R extends { 201: infer A }
        ? JsonOf<A>
        : R extends { 202: infer A }
          ? JsonOf<A>
          : undefined
    : never;
type PathParams<P extends keyof paths, M extends Method> =
  Operation<P, M> extends {
    parameters: { path: infer X };
  }
    ? X
    : never;
type QueryOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends {
    parameters: { query?: infer Q };
  }
    ? Q
    : never;
type BodyOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends {
    requestBody?: { content: { 'application/json': infer B } };
  }
    ? B
    : never;

/** What a call takes besides its path: the path's parameters (when it has any), a query, a body. */
type Call<P extends keyof paths, M extends Method> = ([PathParams<P, M>] extends [never]
  ? { path?: undefined }
  : PathParams<P, M> extends Record<string, never>
    ? { path?: undefined }
    : { path: PathParams<P, M> }) & {
  query?: QueryOf<P, M>;
  signal?: AbortSignal;
};

/** `/api/reviews/{id}` with `{ id }` filled in, each value URL-encoded. */
export function fillPath(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${template}: no value for {${name}}`);
    return encodeURIComponent(String(value));
  });
}

const optionsOf = (call: { query?: unknown; signal?: AbortSignal } | undefined): RequestOptions => ({
  query: call?.query as RequestOptions['query'],
  signal: call?.signal,
});
const urlOf = (path: string, call: { path?: unknown } | undefined) =>
  fillPath(path, call?.path as Record<string, string | number> | undefined);

export const hub = {
  get: <P extends PathsWith<'get'>>(path: P, ...[call]: OptionalIfEmpty<Call<P, 'get'>>) =>
    api.get<Answer<P, 'get'>>(urlOf(path, call), optionsOf(call)),
  post: <P extends PathsWith<'post'>>(
    path: P,
    body: BodyOf<P, 'post'> | undefined,
    ...[call]: OptionalIfEmpty<Call<P, 'post'>>
  ) => api.post<Answer<P, 'post'>>(urlOf(path, call), body, optionsOf(call)),
  patch: <P extends PathsWith<'patch'>>(
    path: P,
    body: BodyOf<P, 'patch'>,
    ...[call]: OptionalIfEmpty<Call<P, 'patch'>>
  ) => api.patch<Answer<P, 'patch'>>(urlOf(path, call), body, optionsOf(call)),
  delete: <P extends PathsWith<'delete'>>(path: P, ...[call]: OptionalIfEmpty<Call<P, 'delete'>>) =>
    api.delete<Answer<P, 'delete'>>(urlOf(path, call), optionsOf(call)),
};

/** A call's options may be left out when nothing in them is required (no path parameters). */
type OptionalIfEmpty<C> = C extends { path: Record<string, unknown> } ? [call: C] : [call?: C];
