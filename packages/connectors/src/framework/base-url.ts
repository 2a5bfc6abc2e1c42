import type { Text } from '@hub/rules';
import type { SourceRef } from './source-ref';
import { UpstreamError } from './upstream-error';

/**
 * The part of the URL space a source's requests may reach: the configured base URL's protocol, host
 * and port (and user info, normally none), and paths at or under its path. Everything else is refused
 * before a byte is sent: an absolute URL to another host (say, a `next` link an upstream handed
 * back), a protocol-relative `//host/…` path, or `..` segments that climb above a gateway's prefix.
 * URLs are compared as WHATWG `URL` parses them, which is also how Node's HTTP client reads them, so
 * `%2e%2e`, backslashes and default ports normalise the same way on both sides.
 */
export class BaseUrlScope {
  private readonly base: URL;
  /** the base path without its trailing slash; '' when the base is a bare origin */
  private readonly basePath: string;

  constructor(
    private readonly source: SourceRef,
    baseUrl: string,
  ) {
    this.base = new URL(baseUrl);
    this.basePath = this.base.pathname.replace(/\/+$/, '');
  }

  /** Whether `url` (absolute) lies within the base URL. */
  contains(url: string): boolean {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      // Relative or protocol-relative: axios would not resolve it against the base either.
      return false;
    }
    const { base, basePath } = this;
    return (
      target.protocol === base.protocol &&
      target.host === base.host &&
      target.username === base.username &&
      target.password === base.password &&
      (basePath === '' || target.pathname === basePath || target.pathname.startsWith(`${basePath}/`))
    );
  }

  /**
   * Throws a non-retryable `url-refused` error unless `url` lies within the base URL; `null` stands
   * for a URL that could not even be built.
   */
  check(url: string | null): void {
    if (url !== null && this.contains(url)) return;
    const where = url === null ? null : this.describe(url);
    const refused: Text = where ?? { zh: '无法解析的地址', en: 'an unreadable URL' };
    const base = `${this.base.origin}${this.basePath}`;
    throw new UpstreamError({
      source: this.source,
      code: 'url-refused',
      retryable: false,
      detail: {
        zh: `的请求地址 ${refused.zh} 不在配置的接口地址 ${base} 之下，中枢已拒绝发送（只访问配置的接口地址）；若对方地址确已变更，请修改接口地址配置`,
        en: `request to ${refused.en} was refused before sending: it lies outside the configured base URL ${base} (the hub calls only its configured base URLs); if the upstream has really moved, change the configured base URL`,
      },
    });
  }

  /**
   * A refused URL as an operator may read it: another origin by its origin alone, a path outside the
   * base by origin and path. User info, query and fragment are never shown (they may hold secrets).
   */
  private describe(url: string): Text | null {
    let target: URL;
    try {
      // A protocol-relative URL is named as the base's protocol would resolve it.
      target = new URL(url, this.base);
    } catch {
      return null;
    }
    if (target.origin === 'null') return { zh: target.protocol, en: target.protocol };
    const named = target.origin === this.base.origin ? `${target.origin}${target.pathname}` : target.origin;
    return { zh: named, en: named };
  }
}
