import dgram from 'node:dgram';
import net from 'node:net';
import os from 'node:os';

/** RFC 5424 facility 13, "log audit". */
const FACILITY_LOG_AUDIT = 13;
/** RFC 5424 severity 5, "notice". */
const SEVERITY_NOTICE = 5;
const SEND_TIMEOUT_MS = 5_000;

export interface SyslogMessage {
  at: Date;
  appName: string;
  msgId: string;
  message: string;
}

/**
 * One RFC 5424 message: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG`, no structured data.
 * Header fields are printable US-ASCII without spaces, as the RFC requires.
 */
export function formatRfc5424(m: SyslogMessage, hostname = os.hostname()): string {
  const field = (v: string, max: number) => v.replace(/[^\x21-\x7e]/g, '_').slice(0, max) || '-';
  return (
    `<${FACILITY_LOG_AUDIT * 8 + SEVERITY_NOTICE}>1 ${m.at.toISOString()} ${field(hostname, 255)} ` +
    `${field(m.appName, 48)} ${process.pid} ${field(m.msgId, 32)} - ${m.message}`
  );
}

/**
 * Sends one message to `url` (`udp://host:port` or `tcp://host:port`): a datagram, or a TCP
 * connection carrying one octet-counted frame (RFC 6587), closed after it. Node's own dgram and net:
 * the message is a single line and needs no library.
 */
export async function sendSyslog(url: string, message: string): Promise<void> {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(u.port);
  const payload = Buffer.from(message, 'utf8');
  if (u.protocol === 'udp:') {
    const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    try {
      await new Promise<void>((resolve, reject) =>
        socket.send(payload, port, host, (e) => (e ? reject(e) : resolve())),
      );
    } finally {
      socket.close();
    }
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const socket = net.createConnection({ host, port });
    socket.setTimeout(SEND_TIMEOUT_MS, () =>
      socket.destroy(new Error(`syslog ${url}: no answer in ${SEND_TIMEOUT_MS} ms`)),
    );
    socket.once('error', reject);
    socket.once('connect', () => socket.end(Buffer.concat([Buffer.from(`${payload.length} `), payload])));
    socket.once('close', (hadError) => {
      if (!hadError) resolve();
    });
  });
}
