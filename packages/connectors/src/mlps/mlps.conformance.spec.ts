import { MLPS_FILINGS_PATH, MLPS_TOKEN_HEADER } from '@hub/contracts';
import { describeConnectorConformance, type World } from '../testing/conformance/connector-conformance';
import type { UpstreamRequest } from '../testing/conformance/upstream-double';
import { mlpsConnector } from './mlps.connector';
import {
  aFiling,
  anMlpsUnitCode,
  filingListBody,
  htmlErrorPage,
  MLPS_TEST_BASE_URL,
  MLPS_TEST_TOKEN,
} from './testing/mlps.factory';

/** The registry's listing: offset and limit over `{ total, items }`, filtered by `unitCode`. */
function serve(world: World, req: UpstreamRequest) {
  if (req.headers[MLPS_TOKEN_HEADER.toLowerCase()] !== MLPS_TEST_TOKEN) {
    return {
      answer: {
        status: 403,
        body: htmlErrorPage('403 Forbidden', '访问令牌无效'),
        headers: { 'content-type': 'text/html' },
      },
    };
  }
  if (req.method !== 'GET' || req.path !== MLPS_FILINGS_PATH) {
    return { answer: { status: 404, body: htmlErrorPage('404 Not Found', req.path) } };
  }
  const unitCode = req.query.get('unitCode');
  const filings = (world['filing'] ?? []).filter((f) => unitCode === null || f['unitCode'] === unitCode);
  const offset = Number(req.query.get('offset') ?? 0);
  const limit = Number(req.query.get('limit') ?? 20);
  return {
    answer: { status: 200, body: filingListBody(filings.slice(offset, offset + limit), filings.length) },
    list: { kind: 'filing', page: Math.floor(offset / limit) + 1 },
  };
}

describeConnectorConformance({
  connector: mlpsConnector,
  origin: MLPS_TEST_BASE_URL,
  config: (pageSize) => ({ token: MLPS_TEST_TOKEN, pageSize }),
  lists: [{ kind: 'filing' }],
  world: (n) => {
    // The first two filings are one unit's, as a targeted fetch finds them.
    const unitCode = anMlpsUnitCode();
    return { filing: Array.from({ length: n }, (_, i) => aFiling(i < 2 ? { unitCode } : {})) };
  },
  idOf: (_kind, item) => String(item['filingNo']),
  untrustedItem: () => aFiling({ level: 9 as never }),
  serve,
  target: (world) => {
    const [first] = world['filing']!;
    const unitCode = String(first!['unitCode']);
    return {
      scope: { projectCode: String(first!['projectCode']), unitCode },
      expected: world['filing']!.filter((f) => f['unitCode'] === unitCode).map(
        (f) => `filing:${String(f['filingNo'])}`,
      ),
    };
  },
  incrementalCursor: '2025-03-01T00:00:00+08:00',
});
