import 'reflect-metadata';
import type { z } from 'zod';

export const ANSWERS_KEY = 'hub:answers';

/** One documented success answer of a route: a JSON schema, files, or no body at all. */
export interface Answer {
  status: number;
  /** the JSON body (zod: the one source of the document and of the type) */
  schema?: z.ZodType;
  /** other media types the same status may carry (an export: PDF, xlsx, csv) */
  files?: string[];
  description?: string;
}

function addAnswer(answer: Answer): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const answers = (Reflect.getMetadata(ANSWERS_KEY, handler) as Answer[] | undefined) ?? [];
    Reflect.defineMetadata(ANSWERS_KEY, [answer, ...answers], handler);
    return descriptor;
  };
}

/**
 * What the route answers on success, for the OpenAPI document (`buildApiDocument`) and the test
 * that compares answers with it. `status` defaults to 200; a route may declare several.
 */
export function ApiAnswer(
  schema: z.ZodType,
  options: { status?: number; files?: string[]; description?: string } = {},
): MethodDecorator {
  return addAnswer({
    status: options.status ?? 200,
    schema,
    files: options.files,
    description: options.description,
  });
}

/** A success answer with no JSON body: a file download, 204 No Content, a redirect. */
export function ApiAnswerWithout(status: number, description: string, files?: string[]): MethodDecorator {
  return addAnswer({ status, description, files });
}

/** The answers a route handler declared, in declaration order. */
export function answersOf(handler: object): Answer[] {
  return (Reflect.getMetadata(ANSWERS_KEY, handler) as Answer[] | undefined) ?? [];
}
