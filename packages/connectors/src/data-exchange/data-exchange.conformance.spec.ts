import { DATA_EXCHANGE_PATHS } from '@hub/contracts';
import { describeConnectorConformance, type World } from '../testing/conformance/connector-conformance';
import { servePage, type UpstreamRequest } from '../testing/conformance/upstream-double';
import { dataExchangeConnector } from './data-exchange.connector';
import {
  aCatalogEntry,
  anExchangeStats,
  anExchangeSystem,
  errorBody,
  pageBody,
  resultBody,
  tokenBody,
} from './testing/data-exchange.factory';
import {
  DATA_EXCHANGE_TEST_BASE_URL,
  DATA_EXCHANGE_TEST_CREDENTIALS,
  TOKEN_FORM,
} from './testing/data-exchange.nock';

const TOKEN = 'tok-conformance';
/** the statistics window the connector asks for by default */
const STATS_DAYS = 30;
const LISTS = {
  [DATA_EXCHANGE_PATHS.systems]: 'system',
  [DATA_EXCHANGE_PATHS.catalog]: 'catalog-entry',
  [DATA_EXCHANGE_PATHS.stats]: 'exchange-stats',
} as Record<string, string>;
const SYSTEM_STATS = /^\/api\/open\/v2\/systems\/([^/]+)\/exchange-stats$/;

/**
 * The platform: an OAuth2 client-credentials token (form POST), then bearer-authenticated
 * `{success, result}` pages by page/size; the catalogue filtered by `systemId`, and one system's
 * statistics on their own endpoint.
 */
function serve(world: World, req: UpstreamRequest) {
  if (req.method === 'POST' && req.path === DATA_EXCHANGE_PATHS.token) {
    const form = Object.fromEntries(new URLSearchParams(req.body));
    const granted = Object.entries(TOKEN_FORM).every(([k, v]) => form[k] === v);
    return {
      answer: granted
        ? { status: 200, body: tokenBody(TOKEN) }
        : { status: 401, body: errorBody('INVALID_CLIENT', 'bad client credentials') },
    };
  }
  if (req.headers['authorization'] !== `Bearer ${TOKEN}`) {
    return { answer: { status: 401, body: errorBody('INVALID_TOKEN', 'unknown token') } };
  }
  const statistics = req.path === DATA_EXCHANGE_PATHS.stats || SYSTEM_STATS.test(req.path);
  if (statistics && req.query.get('days') !== String(STATS_DAYS)) {
    return { answer: { status: 400, body: errorBody('INVALID_PARAMETER', 'days: must be 7, 30 or 90') } };
  }
  const perSystem = SYSTEM_STATS.exec(req.path);
  if (perSystem) {
    const systemId = decodeURIComponent(perSystem[1]!);
    const stats = (world['exchange-stats'] ?? []).find((s) => s['systemId'] === systemId);
    return {
      answer: stats
        ? { status: 200, body: resultBody(stats) }
        : { status: 404, body: errorBody('NOT_FOUND', 'no statistics') },
      list: { kind: 'exchange-stats', page: 1 },
    };
  }
  const kind = LISTS[req.path];
  if (kind === undefined) return { answer: { status: 404, body: errorBody('NOT_FOUND', req.path) } };
  const systemId = req.query.get('systemId');
  const records = (world[kind] ?? []).filter((r) => systemId === null || r['systemId'] === systemId);
  return servePage(kind, records, req, { page: 'page', size: 'size' }, pageBody);
}

describeConnectorConformance({
  connector: dataExchangeConnector,
  origin: DATA_EXCHANGE_TEST_BASE_URL,
  config: (pageSize) => ({ ...DATA_EXCHANGE_TEST_CREDENTIALS, pageSize, incrementalOverlapMs: 0 }),
  lists: [{ kind: 'system' }, { kind: 'catalog-entry' }, { kind: 'exchange-stats' }],
  world: (n) => {
    const system = Array.from({ length: n }, () => anExchangeSystem());
    const systemId = (i: number) => String(system[i]!['systemId']);
    // The first system has two catalogue entries; every system has its statistics.
    const entries = Array.from({ length: n }, (_, i) => aCatalogEntry({ systemId: systemId(i < 2 ? 0 : i) }));
    const stats = Array.from({ length: n }, (_, i) => anExchangeStats({ systemId: systemId(i) }));
    return { system, 'catalog-entry': entries, 'exchange-stats': stats };
  },
  idOf: (kind, item) =>
    kind === 'system'
      ? String(item['systemId'])
      : kind === 'catalog-entry'
        ? String(item['resourceCode'])
        : `${String(item['systemId'])}:${String(item['days'])}`,
  untrustedItem: (kind) =>
    kind === 'system'
      ? anExchangeSystem({ accessStatus: 'BROKEN' as never })
      : kind === 'catalog-entry'
        ? aCatalogEntry({ shareType: 'SOMETIMES' as never })
        : anExchangeStats({ providedCalls: -1 }),
  serve,
  target: (world) => {
    const system = world['system']![0]!;
    const systemId = String(system['systemId']);
    return {
      scope: { projectCode: String(system['projectCode']), unitCode: String(system['unitCode']) },
      expected: [
        `system:${systemId}`,
        ...world['catalog-entry']!.filter((e) => e['systemId'] === systemId).map(
          (e) => `catalog-entry:${String(e['resourceCode'])}`,
        ),
        `exchange-stats:${systemId}:${STATS_DAYS}`,
      ],
    };
  },
  incrementalCursor: '2025-04-01T00:00:00+08:00',
});
