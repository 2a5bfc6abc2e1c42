import { Inject, Injectable } from '@nestjs/common';
import type { SourceId } from '@hub/contracts';
import { CONNECTORS, settingsFromEnv, type ConnectorClient, type ConnectorDefinition } from '@hub/connectors';
import type { Logger } from 'pino';
import type { HubEnv } from '../../config/env';
import { HUB_ENV, LOGGER } from '../../infra/core.module';

/**
 * One live client per registered connector. Config is validated by each connector's own schema at
 * start, so a bad setting stops the hub with the key named rather than failing at the first sync.
 */
@Injectable()
export class ConnectorClients {
  private readonly clients = new Map<
    SourceId,
    { definition: ConnectorDefinition; client: ConnectorClient }
  >();

  constructor(@Inject(HUB_ENV) env: HubEnv, @Inject(LOGGER) logger: Logger) {
    for (const definition of CONNECTORS) {
      // The environment holds every registered connector's settings, validated with their defaults.
      const raw = definition.configFromSettings(settingsFromEnv(definition, env));
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
