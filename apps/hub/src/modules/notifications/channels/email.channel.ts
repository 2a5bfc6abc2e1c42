import net from 'node:net';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Text } from '@hub/rules';
import { createTransport } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type { Logger } from 'pino';
import type { HubEnv } from '../../../config/env';
import { HUB_ENV, LOGGER } from '../../../infra/tokens';
import { NotifyEgress } from '../notify-egress.service';
import { type Channel, DeliveryError, type DeliveryTarget } from './channel';

/** What an email delivery's payload holds: the message as it is sent. */
export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

const SMTP_TIMEOUT_MS = 10_000;
/** Failures that another attempt would meet again: credentials and configuration. */
const PERMANENT_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ECONFIG', 'EENVELOPE', 'EREQUIRETLS']);

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  permanent?: boolean;
  response?: string;
}

/**
 * Email over SMTP (nodemailer) to the subscription's addresses, from HUB_SMTP_FROM: text and simple
 * HTML. Offered only when HUB_SMTP_URL and HUB_SMTP_FROM are both set. The SMTP server passes the
 * same egress check as every notification target, and each message connects to the address that
 * was checked (TLS still verifies the server's name).
 */
@Injectable()
export class EmailChannel implements Channel, OnModuleInit {
  constructor(
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly egress: NotifyEgress,
  ) {}

  onModuleInit(): void {
    // Half a configuration would otherwise pass unnoticed until someone tries to subscribe.
    if (this.env.HUB_SMTP_URL && !this.env.HUB_SMTP_FROM) {
      this.logger.warn('HUB_SMTP_URL is set without HUB_SMTP_FROM: email notifications are off');
    }
  }

  /** Why email cannot be used, or null when it can. */
  unavailable(): Text | null {
    if (!this.env.HUB_SMTP_URL) {
      return {
        zh: '未配置邮件服务器：设置 HUB_SMTP_URL（smtp:// 或 smtps://）与 HUB_SMTP_FROM 后才能创建邮件订阅',
        en: 'no mail server is configured: set HUB_SMTP_URL (smtp:// or smtps://) and HUB_SMTP_FROM to use email subscriptions',
      };
    }
    if (!this.env.HUB_SMTP_FROM) {
      return {
        zh: '已设置 HUB_SMTP_URL 但缺少发件人 HUB_SMTP_FROM（如 合规中枢 <hub@example.gov.cn>）',
        en: 'HUB_SMTP_URL is set but the sender HUB_SMTP_FROM is missing (e.g. Hub <hub@example.gov.cn>)',
      };
    }
    return null;
  }

  /** The SMTP URL's credentials, for redacting error messages. */
  secrets(): string[] {
    if (!this.env.HUB_SMTP_URL) return [];
    try {
      const url = new URL(this.env.HUB_SMTP_URL);
      return [decodeURIComponent(url.password), url.password, decodeURIComponent(url.username)];
    } catch {
      return [this.env.HUB_SMTP_URL];
    }
  }

  async send(to: DeliveryTarget, payload: unknown, deliveryId: string): Promise<void> {
    const problem = this.unavailable();
    if (problem) throw new DeliveryError(problem, false);
    const message = payload as EmailMessage;
    const server = new URL(this.env.HUB_SMTP_URL!);
    const options = parseConnectionUrl(this.env.HUB_SMTP_URL);
    // Either would choose the host to connect to after the check: a well-known service's or a proxy's.
    delete options.service;
    delete options.proxy;
    const port = options.port ?? (options.secure ? 465 : 587);
    const pinned = await this.egress.resolve(server.hostname, port);
    if (!pinned.ok) {
      throw new DeliveryError(
        {
          zh: `邮件服务器（HUB_SMTP_URL）不可用：${pinned.problem.zh}`,
          en: `the mail server (HUB_SMTP_URL) cannot be used: ${pinned.problem.en}`,
        },
        pinned.retryable,
      );
    }
    // A name is kept for SNI and the certificate check; an address has no name to check.
    const servername = net.isIP(pinned.host) ? undefined : pinned.host;
    const transport = createTransport({
      ...options,
      host: pinned.address,
      port,
      ...(servername ? { servername, tls: { ...options.tls, servername } } : {}),
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: 2 * SMTP_TIMEOUT_MS,
    });
    try {
      await transport.sendMail({
        from: this.env.HUB_SMTP_FROM,
        to: to.target,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: { 'X-Hub-Delivery': deliveryId },
      });
    } catch (e) {
      throw smtpFailure(e as SmtpError);
    } finally {
      transport.close();
    }
  }
}

function smtpFailure(e: SmtpError): DeliveryError {
  const code = e.code ?? 'unknown';
  const retryable = e.permanent === undefined ? !PERMANENT_CODES.has(code) : !e.permanent;
  const reply = e.responseCode ? ` ${e.responseCode}` : '';
  return new DeliveryError(
    {
      zh: `邮件发送失败（${code}${reply}）：${e.message}`,
      en: `mail not sent (${code}${reply}): ${e.message}`,
    },
    retryable,
  );
}
