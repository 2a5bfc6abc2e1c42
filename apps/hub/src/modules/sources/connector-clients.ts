import { Inject, Injectable } from '@nestjs/common';
import {
  GOV_CLOUD_RESOURCE_PAGE_MAX,
  GOV_CLOUD_TENANT_PAGE_MAX,
  VIDEO_PAGE_SIZE_MAX,
  type SourceId,
} from '@hub/contracts';
import { CONNECTORS, type ConnectorClient, type ConnectorDefinition } from '@hub/connectors';
import type { Logger } from 'pino';
import type { HubEnv } from '../../config/env';
import { HUB_ENV, LOGGER } from '../../infra/core.module';

/** Each registered connector's settings, taken from the validated environment. */
function connectorSettings(env: HubEnv): Partial<Record<SourceId, unknown>> {
  return {
    'gov-cloud': {
      baseUrl: env.GOV_CLOUD_BASE_URL,
      accessKey: env.GOV_CLOUD_ACCESS_KEY,
      secretKey: env.GOV_CLOUD_SECRET_KEY,
      timeoutMs: env.GOV_CLOUD_TIMEOUT_MS,
      // The largest pages the contract allows: fewest requests per sync.
      pageSize: GOV_CLOUD_RESOURCE_PAGE_MAX,
      tenantPageSize: GOV_CLOUD_TENANT_PAGE_MAX,
    },
    'data-exchange': {
      baseUrl: env.DATA_EXCHANGE_BASE_URL,
      clientId: env.DATA_EXCHANGE_CLIENT_ID,
      clientSecret: env.DATA_EXCHANGE_CLIENT_SECRET,
    },
    mlps: {
      baseUrl: env.MLPS_BASE_URL,
      token: env.MLPS_API_TOKEN,
      timeoutMs: env.MLPS_TIMEOUT_MS,
      pageSize: env.MLPS_PAGE_SIZE,
    },
    video: { baseUrl: env.VIDEO_BASE_URL, token: env.VIDEO_TOKEN, pageSize: VIDEO_PAGE_SIZE_MAX },
    'service-platforms': {
      baseUrl: env.SERVICE_PLATFORMS_BASE_URL,
      appKey: env.SERVICE_PLATFORMS_APP_KEY,
      appSecret: env.SERVICE_PLATFORMS_APP_SECRET,
    },
  };
}

/**
 * One live client per registered connector. Config is validated by each connector's own schema at
 * start, so a bad setting stops the hub with the key named rather than failing at the first sync.
 */
@Injectable()
export class ConnectorClients {
  private readonly clients = new Map<
    SourceId,
    { definition: ConnectorDefinition<unknown>; client: ConnectorClient }
  >();

  constructor(@Inject(HUB_ENV) env: HubEnv, @Inject(LOGGER) logger: Logger) {
    const settings = connectorSettings(env);
    for (const definition of CONNECTORS as readonly ConnectorDefinition<unknown>[]) {
      const raw = settings[definition.id];
      if (raw === undefined) continue;
      const parsed = definition.configSchema.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        throw new Error(
          `连接器 ${definition.id} 配置无效 / invalid ${definition.id} connector settings: ${issues}`,
        );
      }
      // Connectors tag their own log lines with their source id.
      const client = definition.create(parsed.data, { logger });
      this.clients.set(definition.id, { definition, client });
    }
  }

  /** Sources with a configured connector, in registry order. */
  sources(): SourceId[] {
    return [...this.clients.keys()];
  }

  get(source: SourceId): ConnectorClient {
    const entry = this.clients.get(source);
    if (!entry) throw new Error(`no connector configured for ${source}`);
    return entry.client;
  }
}
