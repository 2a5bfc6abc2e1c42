import nock from 'nock';

/** A request as the upstream received it. */
export interface UpstreamRequest {
  method: string;
  /** the path under the configured base URL's path, e.g. `/openapi/v1/tenants` */
  path: string;
  /** the path with the base URL's prefix and the query, exactly as sent (what a signature covers) */
  uri: string;
  query: URLSearchParams;
  /** lower-case names */
  headers: Record<string, string>;
  body: string;
}

/** An HTTP answer: a JSON value, or a string sent as it is (an HTML page). */
export interface UpstreamAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** The page of one of a sync's lists that a request asks for (1-based). */
export interface ListPage {
  kind: string;
  page: number;
}

/** How the simulated upstream answered a request, and which list page it served, if any. */
export interface Served {
  answer: UpstreamAnswer;
  list?: ListPage;
}

/** What replaces a list page's answer: an error answer, a refused connection, or the answer late. */
export type Fault = UpstreamAnswer | { error: Error & { code?: string } } | { delayMs: number };

/** A fault for the next `times` requests to list pages matching `kind` and `page` (any when absent). */
export interface FaultRule {
  kind?: string;
  page?: number;
  times: number;
  fault: Fault;
}

/** One request the double answered, with when it arrived. */
export interface SeenRequest {
  request: UpstreamRequest;
  list: ListPage | undefined;
  faulted: boolean;
  at: number;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;

/**
 * A connector's upstream in a test: every request under the base URL goes through nock to `serve`
 * (the connector's own simulation of its contract), unless a fault rule takes it first; one outside
 * the base URL's path gets a 404, as from a gateway.
 * Requests are recorded, so a test can count the asks of one page.
 */
export class UpstreamDouble {
  readonly seen: SeenRequest[] = [];
  private readonly rules: FaultRule[] = [];

  constructor(baseUrl: string, serve: (request: UpstreamRequest) => Served) {
    const url = new URL(baseUrl);
    const basePath = url.pathname.replace(/\/+$/, '');
    const scope = nock(url.origin).persist();
    const seen = this.seen;
    const faultFor = (list: ListPage | undefined) => this.faultFor(list);
    for (const method of METHODS) {
      scope
        .intercept(/.*/, method)
        .query(true)
        .reply(function (uri, body, callback) {
          const target = new URL(uri, url.origin);
          const under = target.pathname === basePath || target.pathname.startsWith(`${basePath}/`);
          const request: UpstreamRequest = {
            method,
            path: target.pathname.slice(basePath.length) || '/',
            uri,
            query: target.searchParams,
            headers: Object.fromEntries(
              Object.entries(this.req.headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
            ),
            body: typeof body === 'string' ? body : JSON.stringify(body ?? ''),
          };
          // A request that lost the base URL's path prefix reaches no upstream behind the gateway.
          const served = under ? serve(request) : { answer: { status: 404, body: 'no route' } };
          const fault = faultFor(served.list);
          seen.push({ request, list: served.list, faulted: fault !== null, at: performance.now() });
          const reply = (answer: UpstreamAnswer) =>
            callback(null, [answer.status, answer.body as nock.Body, answer.headers ?? {}]);
          if (fault === null) return reply(served.answer);
          if ('error' in fault) return callback(fault.error, [0, '']);
          if ('delayMs' in fault) {
            setTimeout(() => reply(served.answer), fault.delayMs);
            return;
          }
          reply(fault);
        });
    }
  }

  /** Answers the next `times` matching list-page requests with `fault` (rules apply in order given). */
  fail(rule: FaultRule): this {
    this.rules.push({ ...rule });
    return this;
  }

  /** The requests that asked for list pages matching `kind` and `page`. */
  asksOf(kind?: string, page?: number): SeenRequest[] {
    return this.seen.filter((s) => s.list && matches(s.list, kind, page));
  }

  private faultFor(list: ListPage | undefined): Fault | null {
    if (!list) return null;
    const rule = this.rules.find((r) => r.times > 0 && matches(list, r.kind, r.page));
    if (!rule) return null;
    rule.times--;
    return rule.fault;
  }
}

function matches(list: ListPage, kind: string | undefined, page: number | undefined): boolean {
  return (kind === undefined || list.kind === kind) && (page === undefined || list.page === page);
}

/** A page of `items`, 1-based, at `size` per page. */
export function pageOf<T>(items: readonly T[], page: number, size: number): T[] {
  return items.slice((page - 1) * size, page * size);
}

/**
 * The answer of a page-numbered list: the page and size the request asks for (under the contract's
 * parameter names), `body` around that page of `items`, and the list page it serves.
 */
export function servePage(
  kind: string,
  items: readonly unknown[],
  request: UpstreamRequest,
  params: { page: string; size: string },
  body: (rows: unknown[], page: { total: number; page: number; size: number }) => unknown,
): Served {
  const page = Number(request.query.get(params.page));
  const size = Number(request.query.get(params.size));
  return {
    answer: { status: 200, body: body(pageOf(items, page, size), { total: items.length, page, size }) },
    list: { kind, page },
  };
}
