import { GovCloudCode } from '@hub/contracts';
import { describeConnectorConformance, type World } from '../testing/conformance/connector-conformance';
import { servePage, type UpstreamRequest } from '../testing/conformance/upstream-double';
import {
  aCreditCode,
  aGovCloudResource,
  aGovCloudTenant,
  errorBody,
  resourcePageBody,
  tenantPageBody,
} from '../testing/gov-cloud.factory';
import {
  GOV_CLOUD_TEST_BASE_URL,
  GOV_CLOUD_TEST_CREDENTIALS,
  GovCloudSignatureCheck,
} from '../testing/gov-cloud.nock';
import { govCloudConnector } from './gov-cloud.connector';

const TENANTS = '/openapi/v1/tenants';
const RESOURCES = '/openapi/v1/resources';
const signatures = new GovCloudSignatureCheck();

/**
 * The cloud's open API: every request signed (a wrong signature gets 40001); tenants by page number,
 * resources by an opaque cursor (here the offset), filtered by `projectCode` or `tenantId`.
 */
function serve(world: World, req: UpstreamRequest) {
  const problem = signatures.problemWith(req.method, { uri: req.uri, headers: req.headers });
  if (problem) return { answer: { status: 200, body: errorBody(GovCloudCode.BAD_SIGNATURE, problem) } };
  if (req.path === TENANTS) {
    return servePage('tenant', world['tenant'] ?? [], req, { page: 'pageNo', size: 'pageSize' }, (rows, p) =>
      tenantPageBody(rows, { total: p.total, pageNo: p.page, pageSize: p.size }),
    );
  }
  if (req.path === RESOURCES) {
    const projectCode = req.query.get('projectCode');
    const tenantId = req.query.get('tenantId');
    const resources = (world['resource'] ?? []).filter(
      (r) =>
        (projectCode === null || r['projectCode'] === projectCode) &&
        (tenantId === null || r['tenantId'] === tenantId),
    );
    const limit = Number(req.query.get('limit'));
    const offset = Number(req.query.get('cursor') ?? 0);
    const next = offset + limit < resources.length ? String(offset + limit) : null;
    return {
      answer: { status: 200, body: resourcePageBody(resources.slice(offset, offset + limit), next) },
      list: { kind: 'resource', page: offset / limit + 1 },
    };
  }
  return { answer: { status: 200, body: errorBody(GovCloudCode.NOT_FOUND, req.path) } };
}

describeConnectorConformance({
  connector: govCloudConnector,
  origin: GOV_CLOUD_TEST_BASE_URL,
  config: (pageSize) => ({ ...GOV_CLOUD_TEST_CREDENTIALS, pageSize, tenantPageSize: pageSize }),
  lists: [{ kind: 'tenant' }, { kind: 'resource', cursor: true }],
  world: (n) => {
    const tenant = Array.from({ length: n }, () => aGovCloudTenant({ unitCode: aCreditCode() }));
    // Two resources in the first tenant: one names the project, one names none.
    const resource = Array.from({ length: n }, (_, i) =>
      aGovCloudResource({
        tenantId: tenant[i === 1 ? 0 : i]!.tenantId,
        ...(i === 1 ? { projectCode: null } : {}),
      }),
    );
    return { tenant, resource };
  },
  idOf: (kind, item) => String(item[kind === 'tenant' ? 'tenantId' : 'resourceId']),
  untrustedItem: (kind) =>
    kind === 'tenant'
      ? aGovCloudTenant({ purchaseMode: 'leased' as never })
      : aGovCloudResource({ type: 'vm' as never }),
  serve,
  target: (world) => {
    const [tenant] = world['tenant']!;
    const [tagged, untagged] = world['resource']!;
    return {
      scope: { projectCode: String(tagged!['projectCode']), unitCode: String(tenant!['unitCode']) },
      expected: [tagged!, untagged!].map((r) => `resource:${String(r['resourceId'])}`),
    };
  },
  incrementalCursor: '2025-03-01T00:00:00+08:00',
});
