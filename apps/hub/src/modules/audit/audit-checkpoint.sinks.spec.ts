import dgram from 'node:dgram';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '../../../../../test/support/database';
import { createTestContext } from '../../testing/test-context';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditService } from './audit.service';

/** `<109>1 ` is facility 13 (log audit), severity 5 (notice), RFC 5424 version 1. */
const RFC5424 = /^<109>1 \d{4}-\d{2}-\d{2}T[\d:.]+Z \S+ egov-compliance-hub \d+ audit-checkpoint - (\{.*\})$/;

describe(`${AuditCheckpointService.name} copies`, () => {
  let db: TestDatabase;
  let ctx: INestApplicationContext | undefined;
  const servers: { close(): void }[] = [];

  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await ctx?.close();
    ctx = undefined;
    for (const s of servers.splice(0)) s.close();
    await db.drop();
  });

  const lastLine = () =>
    fs.readFileSync(path.join(db.dataDir, 'audit-checkpoints.jsonl'), 'utf8').trim().split('\n').pop()!;

  async function checkpointAfterAnAppend(env: Record<string, string>) {
    ctx = await createTestContext(db.url, env);
    await ctx
      .get(AuditService)
      .append({ actor: 'op', action: 'registry.import', objectType: 't', objectId: '1' });
    return ctx.get(AuditCheckpointService).checkpoint('interval');
  }

  it('sends each checkpoint to a syslog collector over UDP as an RFC 5424 message', async () => {
    const socket = dgram.createSocket('udp4');
    servers.push(socket);
    const received: string[] = [];
    socket.on('message', (m) => received.push(m.toString('utf8')));
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
    const cp = await checkpointAfterAnAppend({
      HUB_AUDIT_CHECKPOINT_SYSLOG: `udp://127.0.0.1:${socket.address().port}`,
    });
    await vi.waitFor(() => expect(received.length).toBeGreaterThanOrEqual(2)); // start, then this one
    const message = RFC5424.exec(received.at(-1)!);
    expect(message, received.at(-1)).not.toBeNull();
    expect(JSON.parse(message![1]!)).toEqual(cp);
    expect(message![1]).toBe(lastLine());
  });

  it('sends each checkpoint over TCP in one octet-counted frame', async () => {
    const frames: string[] = [];
    const server = net.createServer((s) => {
      let data = '';
      s.on('data', (d) => (data += d.toString('utf8')));
      s.on('end', () => frames.push(data));
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const cp = await checkpointAfterAnAppend({
      HUB_AUDIT_CHECKPOINT_SYSLOG: `tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    });
    await vi.waitFor(() => expect(frames.length).toBeGreaterThanOrEqual(2));
    const [, length, body] = /^(\d+) (.*)$/s.exec(frames.at(-1)!)!;
    expect(Buffer.byteLength(body!, 'utf8')).toBe(Number(length));
    expect(JSON.parse(RFC5424.exec(body!)![1]!)).toEqual(cp);
  });

  it('posts each checkpoint to the webhook as JSON, and keeps the file line when the webhook fails', async () => {
    // The webhook passes the notification egress checks: an address inside the network must be allowed.
    const bodies: { path?: string; event?: string; body: string }[] = [];
    let status = 204;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString('utf8')));
      req.on('end', () => {
        bodies.push({ path: req.url, event: req.headers['x-hub-event'] as string, body });
        res.writeHead(status).end();
      });
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/checkpoints`;
    const cp = await checkpointAfterAnAppend({
      HUB_AUDIT_CHECKPOINT_WEBHOOK: url,
      HUB_NOTIFY_ALLOWED_HOSTS: '127.0.0.1',
    });
    expect(bodies.at(-1)).toEqual({
      path: '/checkpoints',
      event: 'audit-checkpoint',
      body: JSON.stringify(cp),
    });

    status = 500;
    await ctx!
      .get(AuditService)
      .append({ actor: 'op', action: 'registry.import', objectType: 't', objectId: '2' });
    const next = await ctx!.get(AuditCheckpointService).checkpoint('interval');
    expect(next).toMatchObject({ count: cp!.count + 1 });
    expect(JSON.parse(lastLine())).toEqual(next);
  });

  it('posts nothing to a webhook inside the network that HUB_NOTIFY_ALLOWED_HOSTS does not list, and still writes the file line', async () => {
    const bodies: string[] = [];
    const server = http.createServer((req, res) => {
      bodies.push(req.url ?? '');
      res.writeHead(204).end();
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/checkpoints`;

    const cp = await checkpointAfterAnAppend({ HUB_AUDIT_CHECKPOINT_WEBHOOK: url });

    expect(JSON.parse(lastLine())).toEqual(cp);
    expect(bodies).toEqual([]);
  });
});
