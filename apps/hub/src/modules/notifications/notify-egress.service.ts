import net from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import type { Text } from '@hub/rules';
import {
  AllowList,
  isThisMachine,
  nonPublicReason,
  normaliseHost,
  sameAddress,
} from '../../common/egress-policy';
import type { HubEnv } from '../../config/env';
import { HostResolver, type ResolvedAddress } from '../../infra/host-resolver';
import { HUB_ENV } from '../../infra/tokens';
import type { ChannelId } from './notification.types';
import { checkTarget, NOTIFY_OPTIONS, type NotifyOptions, type TargetCheck } from './targets';

/** Where a checked connection goes: the one address it was checked at. */
export interface PinnedAddress {
  ok: true;
  /** the host as named (the Host header, TLS SNI and certificate name) */
  host: string;
  address: string;
  family: 4 | 6;
}

export type Resolution = PinnedAddress | { ok: false; problem: Text; retryable: boolean };

type EgressEnv = Pick<
  HubEnv,
  'HUB_NOTIFY_ALLOWED_HOSTS' | 'HUB_PORT' | 'HUB_DINGTALK_HOST' | 'HUB_WECOM_HOST'
>;

const ALLOW_HINT: Text = {
  zh: '中枢不向本机、内网或云平台元数据地址发送通知；确需发送到内网接收方时，请运维人员把该主机加入 HUB_NOTIFY_ALLOWED_HOSTS',
  en: 'the hub sends nothing to itself, private networks or cloud metadata addresses; for a receiver inside the network, an operator lists the host in HUB_NOTIFY_ALLOWED_HOSTS',
};

/** The default port of a URL's scheme, for the hub's own port check. */
export function urlPort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/**
 * The gate every notification passes before it connects anywhere: the host is resolved once,
 * every address it resolves to must be public (or allowed by HUB_NOTIFY_ALLOWED_HOSTS) and none
 * may be the hub itself; the caller then connects to the checked address only, so a DNS answer
 * that changes between the check and the connection (a rebind) cannot redirect it.
 */
@Injectable()
export class NotifyEgress {
  private readonly allow: AllowList;

  constructor(
    @Inject(HUB_ENV) private readonly env: EgressEnv,
    private readonly resolver: HostResolver,
    @Inject(NOTIFY_OPTIONS) private readonly options: NotifyOptions,
  ) {
    this.allow = new AllowList(env.HUB_NOTIFY_ALLOWED_HOSTS);
  }

  /**
   * A subscription's target checked for its channel (see `checkTarget`, with the configured robot
   * hosts) and, for URLs, for where it leads now.
   */
  async checkDestination(channel: ChannelId, target: string): Promise<TargetCheck> {
    const check = this.checkForm(channel, target);
    if (!check.ok || channel === 'email') return check;
    const url = new URL(check.target);
    const resolution = await this.resolve(url.hostname, urlPort(url));
    return resolution.ok ? check : { ok: false, problem: resolution.problem };
  }

  /** The target's form only (no lookup): a robot URL must be on the configured robot host. */
  checkForm(channel: ChannelId, target: string): TargetCheck {
    return checkTarget(channel, target, {
      ...this.options,
      robotHosts: { dingtalk: this.env.HUB_DINGTALK_HOST, wecom: this.env.HUB_WECOM_HOST },
    });
  }

  /** Resolves `host` once and says whether the hub may connect to it on `port`, and at which address. */
  async resolve(host: string, port: number): Promise<Resolution> {
    const name = normaliseHost(host);
    const literal = net.isIP(name);
    let addresses: ResolvedAddress[];
    if (literal) {
      addresses = [{ address: name, family: literal === 6 ? 6 : 4 }];
    } else {
      try {
        addresses = await this.resolver.lookup(name);
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        return unresolvable(name, typeof code === 'string' ? code : 'ENOTFOUND');
      }
      if (addresses.length === 0) return unresolvable(name, 'ENODATA');
    }
    const nameAllowed = this.allow.allowsName(name);
    const local = this.resolver.localAddresses();
    for (const { address } of addresses) {
      const own = isThisMachine(address) || local.some((l) => sameAddress(l, address));
      // The hub's own API is never a notification target, listed or not.
      if (own && this.env.HUB_PORT !== 0 && port === this.env.HUB_PORT) {
        return refused({
          zh: `通知目标 ${name}:${port} 是中枢自身的服务端口，不能作为通知目标`,
          en: `the notification target ${name}:${port} is the hub's own service port and cannot be a target`,
        });
      }
      if (nameAllowed || this.allow.allowsAddress(address)) continue;
      const reason = own
        ? (nonPublicReason(address) ?? { zh: '中枢本机的地址', en: "one of the hub's own addresses" })
        : nonPublicReason(address);
      if (!reason) continue;
      const where = literal ? `${name}` : `${name}（解析为 ${address}）`;
      const whereEn = literal ? name : `${name} (resolving to ${address})`;
      return refused({
        zh: `通知目标 ${where} 是${reason.zh}：${ALLOW_HINT.zh}`,
        en: `the notification target ${whereEn} is ${reason.en}: ${ALLOW_HINT.en}`,
      });
    }
    const first = addresses[0]!;
    return { ok: true, host: name, address: first.address, family: first.family };
  }
}

const refused = (problem: Text): Resolution => ({ ok: false, problem, retryable: false });

/** A name that does not resolve now may resolve on a later attempt (a DNS outage). */
function unresolvable(name: string, code: string): Resolution {
  return {
    ok: false,
    retryable: true,
    problem: {
      zh: `无法解析主机名 ${name}（${code}），请检查地址与 DNS`,
      en: `cannot resolve the host name ${name} (${code}); check the address and DNS`,
    },
  };
}
