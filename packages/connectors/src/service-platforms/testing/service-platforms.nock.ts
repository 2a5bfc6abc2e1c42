import nock from 'nock';
import { SERVICE_PLATFORMS_PATHS, type ServicePlatformRegistry } from '@hub/contracts';
import { pageBody } from './service-platforms.factory';

export const SERVICE_PLATFORMS_TEST_BASE_URL = 'http://service-platforms.test';
export const SERVICE_PLATFORMS_TEST_CREDENTIALS = {
  appKey: 'app-key-hub-test',
  appSecret: 'app-secret-hub-test',
} as const;

/**
 * A nock scope of the fake gateway that only answers requests carrying the test app key and secret,
 * so a client that forgets or misspells a header fails the test.
 */
export function gatewayScope(baseUrl: string = SERVICE_PLATFORMS_TEST_BASE_URL): nock.Scope {
  return nock(baseUrl, {
    reqheaders: {
      'x-app-key': SERVICE_PLATFORMS_TEST_CREDENTIALS.appKey,
      'x-app-secret': SERVICE_PLATFORMS_TEST_CREDENTIALS.appSecret,
    },
  });
}

/** Adds one empty page (total 0) of each registry given, as page 1 with the given page size. */
export function emptyRegistries(
  scope: nock.Scope,
  registries: readonly ServicePlatformRegistry[],
  pageSize = 200,
): nock.Scope {
  for (const registry of registries) {
    scope
      .get(SERVICE_PLATFORMS_PATHS[registry])
      .query({ pageNum: '1', pageSize: String(pageSize) })
      .reply(200, pageBody([]));
  }
  return scope;
}
