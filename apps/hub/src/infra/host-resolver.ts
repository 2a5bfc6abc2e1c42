import { lookup } from 'node:dns/promises';
import os from 'node:os';

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Where names lead and which addresses are this machine's own: the edge that outgoing
 * notifications check before they connect. Tests swap it to make a name resolve anywhere.
 */
export abstract class HostResolver {
  /** Every address of `host`, as the system resolver (hosts file, DNS) answers now. */
  abstract lookup(host: string): Promise<ResolvedAddress[]>;
  /** The addresses of this machine's network interfaces. */
  abstract localAddresses(): string[];
}

export class SystemHostResolver extends HostResolver {
  async lookup(host: string): Promise<ResolvedAddress[]> {
    const answers = await lookup(host, { all: true, verbatim: true });
    return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  }

  localAddresses(): string[] {
    return Object.values(os.networkInterfaces())
      .flatMap((list) => list ?? [])
      .map((i) => i.address);
  }
}
