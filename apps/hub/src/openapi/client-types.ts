import type { OpenAPIObject } from '@nestjs/swagger';
import path from 'node:path';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';

/** Where the dashboard keeps the types generated from the document (committed, checked by a test). */
export const CLIENT_TYPES_FILE = 'apps/web/src/api/schema.gen.ts';

/**
 * The dashboard's types of the document (openapi-typescript): `paths`, `operations` and
 * `components['schemas']`, the one source the web's `api/types.ts` aliases.
 */
export async function clientTypes(document: OpenAPIObject): Promise<string> {
  const ast = await openapiTS(structuredClone(document) as unknown as Parameters<typeof openapiTS>[0], {
    alphabetize: false,
    exportType: false,
  });
  const text =
    COMMENT_HEADER.replace(
      ' * Do not make direct changes to the file.',
      ' * Do not make direct changes to the file: `npm run -w @hub/web api:generate` writes it from the\n' +
        " * hub's OpenAPI document, and the hub's client-types test fails when the two disagree.",
    ) + astToString(ast);
  // Written as the repository's formatter writes it, so that the file passes its format check.
  const filepath = path.resolve(__dirname, '../../../..', CLIENT_TYPES_FILE);
  return format(text, { ...(await resolveConfig(filepath)), filepath });
}
