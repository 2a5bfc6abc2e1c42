import { MlpsHttpStatus } from '@hub/contracts';
import { bodySnippet, UpstreamError, type HttpResponseLike } from '../framework/upstream-error';
import { MLPS_SOURCE } from './mlps.source';

const SOURCE = MLPS_SOURCE;

/**
 * The readable text of an HTML error page (`<h1>403 Forbidden</h1><p>令牌无效</p>` →
 * `403 Forbidden 令牌无效`), at most 80 characters: the registry explains its errors only in such
 * pages, and an operator reads the text, not the markup. The `<head>` is dropped because its title
 * repeats the heading; a page with nothing but a title gives the title.
 */
export function htmlPageText(body: unknown): string {
  if (typeof body !== 'string') return bodySnippet(body);
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(body)?.[1] ?? '';
  const visible = body
    .replace(/<head[\s\S]*?<\/head>/gi, ' ')
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ');
  const text = decodeEntities(visible).replace(/\s+/g, ' ').trim();
  return bodySnippet(text || decodeEntities(title));
}

/**
 * Types an HTTP error status of the registry, quoting the text of its HTML page: 401/403 is the
 * token, 503 its maintenance (a `Retry-After` longer than the hub waits ends the call at once), 404 an
 * unknown filing number (`filingNo`, when one was asked for); the rest as every upstream's (429 with
 * `Retry-After`, 5xx retryable, other 4xx not).
 */
export function mlpsHttpError(
  response: HttpResponseLike,
  cause: unknown,
  context: { filingNo?: string } = {},
): UpstreamError {
  const text = htmlPageText(response.data);
  const quotedZh = text ? `：「${text}」` : '';
  const quoted = text ? `: "${text}"` : '';
  const status = response.status;
  // The generic classification reads Retry-After; a maintenance page may carry one too.
  const generic = UpstreamError.fromResponse(SOURCE, { ...response, data: text }, cause);
  const base = { source: SOURCE, httpStatus: status, cause };
  if (status === MlpsHttpStatus.FORBIDDEN || status === 401) {
    return new UpstreamError({
      ...base,
      code: 'auth',
      retryable: false,
      detail: {
        zh: `拒绝了中枢的访问令牌（HTTP ${status}），请核对为等保备案系统配置的 X-Api-Token 是否为公安机关分配的有效令牌${quotedZh}`,
        en: `refused the hub's token (HTTP ${status}); check that the X-Api-Token configured for the MLPS registry is the one the public security bureau issued${quoted}`,
      },
    });
  }
  if (status === MlpsHttpStatus.MAINTENANCE) {
    return new UpstreamError({
      ...base,
      code: 'maintenance',
      retryable: true,
      ...(generic.retryAfterMs === undefined ? {} : { retryAfterMs: generic.retryAfterMs }),
      detail: {
        zh: `暂停服务（HTTP 503，通常为夜间例行维护），稍后自动重试${quotedZh}`,
        en: `is down (HTTP 503, usually its nightly maintenance); retried later${quoted}`,
      },
    });
  }
  if (status === MlpsHttpStatus.NOT_FOUND && context.filingNo !== undefined) {
    return new UpstreamError({
      ...base,
      code: 'not-found',
      retryable: false,
      detail: {
        zh: `没有备案证明编号为 ${context.filingNo} 的备案（HTTP 404），请核对编号`,
        en: `has no filing numbered ${context.filingNo} (HTTP 404); check the number`,
      },
    });
  }
  return generic;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  });
}
