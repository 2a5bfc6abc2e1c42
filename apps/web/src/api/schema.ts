import type { components, paths } from './schema.gen';

/**
 * The hub's answers and request bodies as its OpenAPI document describes them: `schema.gen.ts` is
 * generated from the document (`npm run -w @hub/web api:generate`), so these types cannot drift
 * from what the hub serves.
 */
export type Schemas = components['schemas'];
export type { paths };

type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body a route takes, e.g. `RequestBody<'/api/reviews/{id}/decision', 'post'>`. */
export type RequestBody<P extends keyof paths, M extends 'post' | 'patch'> = JsonOf<
  NonNullable<paths[P][M] extends { requestBody?: infer R } ? R : never>
>;
