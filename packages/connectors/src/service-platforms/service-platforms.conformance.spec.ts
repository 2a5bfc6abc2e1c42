import { SERVICE_PLATFORMS_PATHS } from '@hub/contracts';
import { describeConnectorConformance, type World } from '../testing/conformance/connector-conformance';
import { servePage, type UpstreamRequest } from '../testing/conformance/upstream-double';
import { servicePlatformsConnector } from './service-platforms.connector';
import {
  aHubApplication,
  aMobileService,
  aYwtbSystem,
  errorBody,
  pageBody,
} from './testing/service-platforms.factory';
import {
  SERVICE_PLATFORMS_TEST_BASE_URL,
  SERVICE_PLATFORMS_TEST_CREDENTIALS,
} from './testing/service-platforms.nock';

const KINDS: Record<string, string> = {
  [SERVICE_PLATFORMS_PATHS.ywtb]: 'ywtb-system',
  [SERVICE_PLATFORMS_PATHS.ybyh]: 'ybyh-service',
  [SERVICE_PLATFORMS_PATHS.brain]: 'brain-app',
};
const ID_FIELDS: Record<string, string> = {
  'ywtb-system': 'systemCode',
  'ybyh-service': 'serviceId',
  'brain-app': 'appId',
};

/** The gateway: app key and secret on every request, three registries by pageNum/pageSize, no filters. */
function serve(world: World, req: UpstreamRequest) {
  const { appKey, appSecret } = SERVICE_PLATFORMS_TEST_CREDENTIALS;
  if (req.headers['x-app-key'] !== appKey || req.headers['x-app-secret'] !== appSecret) {
    return { answer: { status: 401, body: errorBody('A0401', 'app key or secret refused') } };
  }
  const kind = KINDS[req.path];
  if (kind === undefined) return { answer: { status: 404, body: errorBody('A0404', req.path) } };
  return servePage(kind, world[kind] ?? [], req, { page: 'pageNum', size: 'pageSize' }, (rows, { total }) =>
    pageBody(rows, total),
  );
}

describeConnectorConformance({
  connector: servicePlatformsConnector,
  origin: SERVICE_PLATFORMS_TEST_BASE_URL,
  config: (pageSize) => ({ ...SERVICE_PLATFORMS_TEST_CREDENTIALS, pageSize }),
  lists: [{ kind: 'ywtb-system' }, { kind: 'ybyh-service' }, { kind: 'brain-app' }],
  world: (n) => ({
    'ywtb-system': Array.from({ length: n }, () => aYwtbSystem()),
    'ybyh-service': Array.from({ length: n }, () => aMobileService()),
    'brain-app': Array.from({ length: n }, () => aHubApplication()),
  }),
  idOf: (kind, item) => String(item[ID_FIELDS[kind]!]),
  untrustedItem: (kind) =>
    kind === 'ywtb-system'
      ? aYwtbSystem({ status: 'BROKEN' as never })
      : kind === 'ybyh-service'
        ? aMobileService({ kind: 'FAX' as never })
        : aHubApplication({ accessMode: 'CARRIER_PIGEON' as never }),
  serve,
  target: (world) => {
    // The gateway has no filters: the project's system comes with every other record.
    const system = world['ywtb-system']![0]!;
    return {
      scope: { projectCode: String(system['projectCode']), unitCode: String(system['unitCode']) },
      expected: [`ywtb-system:${String(system['systemCode'])}`],
    };
  },
  incrementalCursor: null,
});
