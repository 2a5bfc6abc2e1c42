import { VIDEO_DEVICES_PATH, VIDEO_PLATFORMS_PATH } from '@hub/contracts';
import { describeConnectorConformance, type World } from '../testing/conformance/connector-conformance';
import { servePage, type UpstreamRequest } from '../testing/conformance/upstream-double';
import {
  aVideoDevice,
  aVideoPlatform,
  VIDEO_TEST_BASE_URL,
  VIDEO_TEST_TOKEN,
  videoErrorBody,
  videoPageBody,
} from './testing/video.factory';
import { videoConnector } from './video.connector';

/** The platform's open API: a bearer token, `{code: 200}` envelopes, pageNo/pageSize, `platformId=`. */
function serve(world: World, req: UpstreamRequest) {
  if (req.headers['authorization'] !== `Bearer ${VIDEO_TEST_TOKEN}`) {
    return { answer: { status: 401, body: videoErrorBody(401, 'invalid token') } };
  }
  const kind =
    req.path === VIDEO_PLATFORMS_PATH ? 'platform' : req.path === VIDEO_DEVICES_PATH ? 'device' : null;
  if (kind === null) return { answer: { status: 404, body: videoErrorBody(404, req.path) } };
  const platformId = req.query.get('platformId');
  const items = (world[kind] ?? []).filter((i) => platformId === null || i['platformId'] === platformId);
  return servePage(kind, items, req, { page: 'pageNo', size: 'pageSize' }, (rows, { total }) =>
    videoPageBody(rows, total),
  );
}

describeConnectorConformance({
  connector: videoConnector,
  origin: VIDEO_TEST_BASE_URL,
  config: (pageSize) => ({ token: VIDEO_TEST_TOKEN, pageSize }),
  lists: [{ kind: 'platform' }, { kind: 'device' }],
  world: (n) => {
    const platform = Array.from({ length: n }, () => aVideoPlatform());
    // The first two devices are cascaded under the first platform.
    const device = Array.from({ length: n }, (_, i) =>
      aVideoDevice(i < 2 ? { platformId: String(platform[0]!['platformId']) } : {}),
    );
    return { platform, device };
  },
  idOf: (kind, item) => String(item[kind === 'platform' ? 'platformId' : 'deviceId']),
  untrustedItem: (kind) =>
    kind === 'platform'
      ? aVideoPlatform({ cascadeStatus: 'BROKEN' as never })
      : aVideoDevice({ status: 'BROKEN' as never, projectCode: '25-430600-0999' }),
  serve,
  target: (world) => {
    const platform = world['platform']![0]!;
    const platformId = String(platform['platformId']);
    return {
      scope: { projectCode: String(platform['projectCode']), unitCode: String(platform['ownerUnitCode']) },
      expected: [
        `platform:${platformId}`,
        ...world['device']!.filter((d) => d['platformId'] === platformId).map(
          (d) => `device:${String(d['deviceId'])}`,
        ),
      ],
    };
  },
  incrementalCursor: '2025-05-01T00:00:00+08:00',
});
