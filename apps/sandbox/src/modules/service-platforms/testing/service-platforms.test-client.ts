import { SERVICE_PLATFORMS_HEADERS } from '@hub/contracts';
import { read, type ReadResponse } from '../../gov-cloud/testing/gov-cloud.test-client';
import {
  SERVICE_PLATFORMS_DEMO_APP_KEY,
  SERVICE_PLATFORMS_DEMO_APP_SECRET,
} from '../service-platforms.credentials';

/** Headers a test may override or leave out (`null`) to make a request wrong on purpose. */
export interface AppGetOptions {
  appKey?: string | null;
  appSecret?: string | null;
}

/** GETs a gateway path with the app key and secret headers (the demo ones unless overridden). */
export async function appGet(
  baseUrl: string,
  pathWithQuery: string,
  opts: AppGetOptions = {},
): Promise<ReadResponse> {
  const headers: Record<string, string> = {};
  const appKey = opts.appKey === undefined ? SERVICE_PLATFORMS_DEMO_APP_KEY : opts.appKey;
  const appSecret = opts.appSecret === undefined ? SERVICE_PLATFORMS_DEMO_APP_SECRET : opts.appSecret;
  if (appKey !== null) headers[SERVICE_PLATFORMS_HEADERS.appKey] = appKey;
  if (appSecret !== null) headers[SERVICE_PLATFORMS_HEADERS.appSecret] = appSecret;
  return read(await fetch(`${baseUrl}${pathWithQuery}`, { headers }));
}
