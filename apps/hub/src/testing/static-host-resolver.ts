import net from 'node:net';
import { HostResolver, type ResolvedAddress } from '../infra/host-resolver';

/** An address a public name of the tests resolves to (not a documentation range, which is refused). */
export const PUBLIC_ADDRESS = '93.184.215.14';

/**
 * Names resolve to what the test says: a list of addresses, or a list of answers given in turn
 * (the last repeating), for a name whose DNS changes between lookups. Unknown names fail as
 * ENOTFOUND. Every lookup is counted per name.
 */
export class StaticHostResolver extends HostResolver {
  readonly lookups = new Map<string, number>();

  constructor(
    private readonly names: Record<string, string[] | string[][]> = {},
    private readonly local: string[] = ['127.0.0.1', '::1'],
  ) {
    super();
  }

  /** Makes `host` resolve to `answers`, from the next lookup on. */
  set(host: string, answers: string[] | string[][]): void {
    this.names[host] = answers;
    this.lookups.delete(host);
  }

  lookup(host: string): Promise<ResolvedAddress[]> {
    const answers = this.names[host];
    const n = this.lookups.get(host) ?? 0;
    this.lookups.set(host, n + 1);
    if (!answers) {
      return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
    }
    const turns = (answers.length > 0 && Array.isArray(answers[0]) ? answers : [answers]) as string[][];
    const now = turns[Math.min(n, turns.length - 1)]!;
    return Promise.resolve(now.map((address) => ({ address, family: net.isIP(address) === 6 ? 6 : 4 })));
  }

  localAddresses(): string[] {
    return this.local;
  }
}
