import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_MIN_PROJECTS, generateDemoCity } from '@hub/sandbox';
import { verifyWebhookSignature } from '../apps/hub/src/modules/notifications/channels/webhook.channel';
import { NotificationsService } from '../apps/hub/src/modules/notifications/notifications.service';
import { notifiableAlert } from '../apps/hub/src/modules/notifications/testing/notify.factory';
import { runCli } from './support/cli';
import { DEMO_NOW, startTestHub, type TestHub, userWithToken } from './support/hub';

const SECRET = 'e2e-webhook-secret-0123456789abcdef';

interface Received {
  headers: http.IncomingHttpHeaders;
  raw: string;
  verified: boolean;
}

/** A receiver as a customer would write one: verifies the signature over the raw body, 401 if wrong. */
async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const verified = verifyWebhookSignature(
        SECRET,
        req.headers['x-hub-timestamp'] as string | undefined,
        raw,
        req.headers['x-hub-signature'] as string | undefined,
      );
      received.push({ headers: req.headers, raw, verified });
      res.writeHead(verified ? 200 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/hub`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Notifications through the real queue: a webhook subscription made over HTTP to a local receiver,
 * the hub's notification workers, a scan's critical alert handed to notifyScan, and the receiver
 * getting a request whose signature verifies while the delivery log shows it delivered.
 */
describe('notifications (webhook through the job queue)', () => {
  const demo = generateDemoCity({ now: DEMO_NOW, projects: DEMO_MIN_PROJECTS });
  let hub: TestHub;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let subscriptionId: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    hub = await startTestHub(demo.dataset, {
      // the receiver runs on this machine, as a receiver inside a government network would be listed
      env: { HUB_JOBS_POLL_SECONDS: '0.5', HUB_NOTIFY_ALLOWED_HOSTS: '127.0.0.1' },
    });
    await hub.app.get(NotificationsService).startWorkers();
  });
  afterAll(async () => {
    await hub?.stop();
    await receiver?.stop();
  });

  it('creates a webhook subscription over HTTP and never shows its secret', async () => {
    const monitor = await userWithToken(hub.app, 'monitor');
    const res = await monitor.http
      .post('/api/notifications/subscriptions')
      .send({
        name: '值班 SIEM',
        channel: 'webhook',
        target: receiver.url,
        secret: SECRET,
        minSeverity: 'critical',
      })
      .expect(201);
    subscriptionId = res.body.id;
    expect(res.body).toMatchObject({ channel: 'webhook', hasSecret: true, immediate: true, digest: true });

    const list = await hub.http.get('/api/notifications/subscriptions').expect(200);
    expect(list.body.map((s: { id: string }) => s.id)).toContain(subscriptionId);
    expect(JSON.stringify(list.body)).not.toContain(SECRET);

    const auditor = await userWithToken(hub.app, 'auditor');
    await auditor.http.get('/api/notifications/subscriptions').expect(200);
    await auditor.http
      .post('/api/notifications/subscriptions')
      .send({ channel: 'webhook', target: receiver.url, secret: SECRET })
      .expect(403);
  });

  it('refuses an email subscription while no SMTP server is configured', async () => {
    const res = await hub.http
      .post('/api/notifications/subscriptions')
      .send({ channel: 'email', target: 'ops@example.gov.cn' })
      .expect(400);
    expect(res.body.error.message.en).toContain('HUB_SMTP_URL');
    const channels = await hub.http.get('/api/notifications/channels').expect(200);
    expect(channels.body).toContainEqual(expect.objectContaining({ channel: 'email', available: false }));
  });

  it('delivers a critical alert of a scan, signed, through the queue; the delivery log shows it delivered', async () => {
    const alert = notifiableAlert();
    const checkRunId = randomUUID();
    const { deliveries } = await hub.app
      .get(NotificationsService)
      .notifyScan(checkRunId, { opened: [alert], reopened: [], resolved: [], open: 1 });
    // one immediate message and one digest
    expect(deliveries).toBe(2);

    const immediate = await until('the immediate message', async () =>
      receiver.received.find((r) => r.raw.includes('"type":"alert"')),
    );
    expect(immediate.verified).toBe(true);
    expect(JSON.parse(immediate.raw)).toMatchObject({
      type: 'alert',
      event: 'opened',
      checkRunId,
      alert: { id: alert.id },
    });

    const log = await until('both deliveries delivered', async () => {
      const res = await hub.http
        .get('/api/notifications/deliveries')
        .query({ subscriptionId, checkRunId })
        .expect(200);
      const items = res.body.items as { id: string; kind: string; status: string; attempts: number }[];
      return items.length === 2 && items.every((d) => d.status === 'delivered') ? items : undefined;
    });
    expect(log.map((d) => d.kind).sort()).toEqual(['digest', 'immediate']);
    expect(log.every((d) => d.attempts === 1)).toBe(true);
    const ids = receiver.received.map((r) => r.headers['x-hub-delivery']);
    expect(ids).toEqual(expect.arrayContaining(log.map((d) => d.id)));
    expect(receiver.received.every((r) => r.verified)).toBe(true);
  });

  it('sends a test message on request and lists it with the CLI', async () => {
    const queued = await hub.http.post(`/api/notifications/subscriptions/${subscriptionId}/test`).expect(202);
    expect(queued.body).toMatchObject({ kind: 'test', status: 'pending' });
    await until('the test message delivered', async () => {
      const res = await hub.http.get(`/api/notifications/deliveries/${queued.body.id}`).expect(200);
      return res.body.status === 'delivered' ? res.body : undefined;
    });
    expect(receiver.received.some((r) => r.headers['x-hub-delivery'] === queued.body.id && r.verified)).toBe(
      true,
    );

    const out = await runCli(hub.envVars, [
      'notifications',
      'deliveries',
      '--subscription',
      subscriptionId,
      '--kind',
      'test',
      '--format',
      'json',
    ]);
    expect(JSON.parse(out)).toMatchObject({ total: 1, items: [{ id: queued.body.id, status: 'delivered' }] });
  });

  it('disables the subscription with the CLI, audited, after which scans send it nothing', async () => {
    await runCli(hub.envVars, ['notifications', 'disable', subscriptionId]);
    const { deliveries } = await hub.app
      .get(NotificationsService)
      .notifyScan(randomUUID(), { opened: [notifiableAlert()], reopened: [], resolved: [], open: 2 });
    expect(deliveries).toBe(0);
    const audit = await hub.http.get('/api/audit').query({ objectId: subscriptionId }).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['subscription.create', 'subscription.test', 'subscription.update']),
    );
  });
});
