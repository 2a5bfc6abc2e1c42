import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { HubEnv } from '../../config/env';
import { formatRfc5424, sendSyslog } from '../../infra/syslog-sender';
import { HUB_ENV, LOGGER } from '../../infra/tokens';
import { NotifyHttp } from '../notifications/channels/notify-http';
import type { AuditCheckpoint } from './audit-chain';

/**
 * Copies of each checkpoint kept by others: a syslog collector (HUB_AUDIT_CHECKPOINT_SYSLOG) and a
 * webhook (HUB_AUDIT_CHECKPOINT_WEBHOOK). Off the host, out of reach of whoever can edit the local
 * file. A copy that cannot be sent is logged and not retried: the next checkpoint supersedes it.
 */
@Injectable()
export class AuditCheckpointSinks {
  constructor(
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly http: NotifyHttp,
  ) {}

  async send(checkpoint: AuditCheckpoint): Promise<void> {
    const line = JSON.stringify(checkpoint);
    const sends: Promise<void>[] = [];
    const syslog = this.env.HUB_AUDIT_CHECKPOINT_SYSLOG;
    if (syslog) {
      const message = formatRfc5424({
        at: new Date(checkpoint.at),
        appName: 'egov-compliance-hub',
        msgId: 'audit-checkpoint',
        message: line,
      });
      sends.push(
        sendSyslog(syslog, message).catch((e: unknown) =>
          this.logger.warn({ err: e, seq: checkpoint.seq }, 'audit checkpoint not sent to syslog'),
        ),
      );
    }
    const webhook = this.env.HUB_AUDIT_CHECKPOINT_WEBHOOK;
    if (webhook) {
      sends.push(
        this.http
          .post(webhook, line, {
            'User-Agent': 'egov-compliance-hub/audit',
            'X-Hub-Event': 'audit-checkpoint',
          })
          .then((answer) => {
            if (answer.status < 200 || answer.status >= 300) {
              this.logger.warn(
                { status: answer.status, seq: checkpoint.seq },
                'audit checkpoint webhook refused',
              );
            }
          })
          .catch((e: unknown) =>
            this.logger.warn({ err: e, seq: checkpoint.seq }, 'audit checkpoint not sent to the webhook'),
          ),
      );
    }
    await Promise.all(sends);
  }
}
