import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import nock from 'nock';
import { SMTPServer } from 'smtp-server';
import { createTestDatabase } from '../../../../../test/support/database';
import { AppModule } from '../../app.module';
import { AppError } from '../../common/app-error';
import { loadEnv } from '../../config/env';
import { FixedClock } from '../../infra/clock';
import { PrismaService } from '../../infra/database/prisma.service';
import { createLogger } from '../../infra/logger';
import { PUBLIC_ADDRESS, StaticHostResolver } from '../../testing/static-host-resolver';
import { TEST_NOW } from '../../testing/test-context';
import type { JobContext } from '../../infra/jobs/job-queue';
import { signWebhook, verifyWebhookSignature } from './channels/webhook.channel';
import type { NotifiableAlert, ScanAlertChanges } from './notification.types';
import { ZSubscriptionCreate, type SubscriptionCreate } from './notifications.schemas';
import { MAX_IMMEDIATE_PER_SCAN, NotificationsService } from './notifications.service';
import { SubscriptionsService } from './subscriptions.service';
import { notifiableAlert, unitCode } from './testing/notify.factory';

const HOOK_ORIGIN = 'https://receiver.example.gov.cn';
const HOOK_URL = `${HOOK_ORIGIN}/hooks/hub`;
const HOOK_SECRET = 'whsec-notify-0123456789';
const DING_TOKEN = 'd'.repeat(64);
const DING_URL = `https://oapi.dingtalk.com/robot/send?access_token=${DING_TOKEN}`;
const WECOM_KEY = '4a1f7c2e-93b0-4d55-8e61-0c2d9b7a5e13';
const WECOM_URL = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}`;

/** How the tests' names resolve: the receivers and robots are public hosts, as in production. */
function testResolver(): StaticHostResolver {
  return new StaticHostResolver({
    'receiver.example.gov.cn': [PUBLIC_ADDRESS],
    'oapi.dingtalk.com': [PUBLIC_ADDRESS],
    'qyapi.weixin.qq.com': [PUBLIC_ADDRESS],
    localhost: ['127.0.0.1', '::1'],
  });
}

/** The hub's modules on a test database with a logger whose lines the test reads. */
async function notifyContext(
  databaseUrl: string,
  env: Record<string, string> = {},
  resolver: StaticHostResolver = testResolver(),
) {
  const lines: string[] = [];
  const logger = createLogger(
    'debug',
    'stdout',
    new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    }),
  );
  const hubEnv = loadEnv({ DATABASE_URL: databaseUrl, HUB_NOW: TEST_NOW, HUB_LOG_LEVEL: 'debug', ...env });
  const ctx = await NestFactory.createApplicationContext(
    AppModule.register({ env: hubEnv, databaseUrl, logger, clock: new FixedClock(TEST_NOW), resolver }),
    { logger: false, abortOnError: false },
  );
  return { ctx, logger, lines, resolver };
}

const job = (retryCount = 0, retryLimit = 5): JobContext => ({ id: randomUUID(), retryCount, retryLimit });
const changes = (c: Partial<ScanAlertChanges>): ScanAlertChanges => ({
  opened: [],
  reopened: [],
  resolved: [],
  open: 0,
  ...c,
});

describe(NotificationsService.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: INestApplicationContext;
  let lines: string[];
  let logger: ReturnType<typeof createLogger>;
  let resolver: StaticHostResolver;
  let prisma: PrismaService;
  let subscriptions: SubscriptionsService;
  let sut: NotificationsService;

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ ctx, lines, logger, resolver } = await notifyContext(db.url));
    prisma = ctx.get(PrismaService);
    subscriptions = ctx.get(SubscriptionsService);
    sut = ctx.get(NotificationsService);
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(async () => {
    nock.cleanAll();
    // every test starts with no enabled subscription: notifyScan looks at all of them
    await prisma.notificationSubscription.updateMany({ data: { enabled: false } });
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await ctx?.close();
    await db?.drop();
  });

  const subscribe = (input: Partial<SubscriptionCreate> & Pick<SubscriptionCreate, 'channel' | 'target'>) =>
    subscriptions.create(ZSubscriptionCreate.parse(input), 'tester');
  const webhook = (input: Partial<SubscriptionCreate> = {}) =>
    subscribe({ channel: 'webhook', target: HOOK_URL, secret: HOOK_SECRET, ...input });
  const deliveriesOf = (subscriptionId: string) =>
    prisma.notificationDelivery.findMany({ where: { subscriptionId }, orderBy: { createdAt: 'asc' } });
  const deliveryOf = async (subscriptionId: string) => {
    const [only, ...rest] = await deliveriesOf(subscriptionId);
    expect(rest).toHaveLength(0);
    return only!;
  };
  const payloadOf = async (subscriptionId: string, kind: string) =>
    (await prisma.notificationDelivery.findFirstOrThrow({ where: { subscriptionId, kind } }))
      .payload as Record<string, unknown>;

  describe('webhook', () => {
    it('delivers an immediate critical alert signed so that verifyWebhookSignature accepts it, and rejects it altered', async () => {
      const sub = await webhook({ digest: false });
      const alert = notifiableAlert();
      const run = randomUUID();
      expect(await sut.notifyScan(run, changes({ opened: [alert], open: 1 }))).toEqual({ deliveries: 1 });
      const delivery = await deliveryOf(sub.id);
      expect(delivery).toMatchObject({
        kind: 'immediate',
        status: 'pending',
        checkRunId: run,
        alertIds: [alert.id],
      });

      let seen: { headers: Record<string, string>; body: string } | undefined;
      const scope = nock(HOOK_ORIGIN)
        .post('/hooks/hub')
        .reply(function (_uri, body) {
          seen = {
            headers: this.req.headers as Record<string, string>,
            body: typeof body === 'string' ? body : JSON.stringify(body),
          };
          return [200, 'ok'];
        });
      await sut.deliver({ deliveryId: delivery.id }, job());

      expect(scope.isDone()).toBe(true);
      const { headers, body } = seen!;
      expect(headers['x-hub-delivery']).toBe(delivery.id);
      const ts = headers['x-hub-timestamp']!;
      const now = Number(ts) * 1000;
      expect(verifyWebhookSignature(HOOK_SECRET, ts, body, headers['x-hub-signature'], now)).toBe(true);
      expect(
        verifyWebhookSignature(
          HOOK_SECRET,
          ts,
          body.replace(alert.id, randomUUID()),
          headers['x-hub-signature'],
          now,
        ),
      ).toBe(false);
      expect(
        verifyWebhookSignature(HOOK_SECRET, ts, body, headers['x-hub-signature'], now + 6 * 60_000),
      ).toBe(false);
      expect(JSON.parse(body)).toMatchObject({
        type: 'alert',
        event: 'opened',
        checkRunId: run,
        alert: { id: alert.id },
      });

      expect(
        await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } }),
      ).toMatchObject({
        status: 'delivered',
        attempts: 1,
        lastError: null,
        lastAttemptAt: new Date(TEST_NOW),
        deliveredAt: new Date(TEST_NOW),
      });
    });

    it('retries a 500 through the queue and ends delivered after the 200, with attempts 2', async () => {
      const sub = await webhook({ digest: false });
      await sut.notifyScan(randomUUID(), changes({ opened: [notifiableAlert()] }));
      const delivery = await deliveryOf(sub.id);
      const scope = nock(HOOK_ORIGIN)
        .post('/hooks/hub')
        .reply(500, 'upstream broke')
        .post('/hooks/hub')
        .reply(200);

      await expect(sut.deliver({ deliveryId: delivery.id }, job(0))).rejects.toThrow('HTTP 500');
      expect(
        await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } }),
      ).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastError: expect.stringContaining('HTTP 500'),
      });
      await sut.deliver({ deliveryId: delivery.id }, job(1));

      expect(scope.isDone()).toBe(true);
      expect(
        await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } }),
      ).toMatchObject({
        status: 'delivered',
        attempts: 2,
      });
    });

    it('marks the delivery failed with the last error when the last attempt fails', async () => {
      const sub = await webhook({ digest: false });
      await sut.notifyScan(randomUUID(), changes({ reopened: [notifiableAlert()] }));
      const delivery = await deliveryOf(sub.id);
      const scope = nock(HOOK_ORIGIN).post('/hooks/hub').reply(503, 'still down');

      // the queue's sixth attempt: retryCount 5 of retryLimit 5
      await sut.deliver({ deliveryId: delivery.id }, job(5, 5));

      expect(scope.isDone()).toBe(true);
      expect(
        await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } }),
      ).toMatchObject({
        status: 'failed',
        attempts: 1,
        lastError: expect.stringContaining('HTTP 503'),
        deliveredAt: null,
      });
    });

    it('sends nothing for a delivery already delivered, or one whose subscription was deleted', async () => {
      const sub = await webhook({ digest: false });
      await sut.notifyScan(randomUUID(), changes({ opened: [notifiableAlert()] }));
      const delivery = await deliveryOf(sub.id);
      const scope = nock(HOOK_ORIGIN).post('/hooks/hub').reply(200);
      await prisma.notificationDelivery.update({ where: { id: delivery.id }, data: { status: 'delivered' } });
      await sut.deliver({ deliveryId: delivery.id }, job());
      expect(
        await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } }),
      ).toMatchObject({
        status: 'delivered',
        attempts: 0,
      });
      const removed = await subscriptions.remove(sub.id, 'tester');
      expect(removed).toEqual({ id: sub.id, deleted: true, deliveriesRemoved: 1 });
      await sut.deliver({ deliveryId: delivery.id }, job());

      expect(scope.isDone()).toBe(false);
    });
  });

  describe('DingTalk', () => {
    it('marks errcode 310000 (sign mismatch) failed at once with the error, the token and secret kept out', async () => {
      const secret = `SEC${'7'.repeat(64)}`;
      const sub = await subscribe({ channel: 'dingtalk', target: DING_URL, secret, digest: false });
      await sut.notifyScan(randomUUID(), changes({ opened: [notifiableAlert()] }));
      const delivery = await deliveryOf(sub.id);
      expect(delivery.payload).toMatchObject({
        msgtype: 'markdown',
        markdown: { title: expect.any(String), text: expect.any(String) },
      });
      const scope = nock('https://oapi.dingtalk.com')
        .post('/robot/send')
        .query(
          (q) =>
            q.access_token === DING_TOKEN &&
            typeof q.sign === 'string' &&
            /^\d{13}$/.test(String(q.timestamp)),
        )
        .reply(200, {
          errcode: 310000,
          errmsg: `sign not match, more: [https://open.dingtalk.com/document?access_token=${DING_TOKEN}]`,
        });

      await sut.deliver({ deliveryId: delivery.id }, job(0));

      expect(scope.isDone()).toBe(true);
      const after = await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
      expect(after).toMatchObject({ status: 'failed', attempts: 1 });
      expect(after.lastError).toContain('310000');
      expect(after.lastError).toContain('sign not match');
      expect(after.lastError).not.toContain(DING_TOKEN);
      expect(after.lastError).not.toContain(secret);
    });
  });

  describe('WeCom', () => {
    it('sends markdown {content}, and keeps the URL key out of lastError, the logs and the error the queue logs', async () => {
      const sub = await subscribe({ channel: 'wecom', target: WECOM_URL, digest: false });
      const alert = notifiableAlert();
      await sut.notifyScan(randomUUID(), changes({ opened: [alert] }));
      const delivery = await deliveryOf(sub.id);
      expect(Object.keys(delivery.payload as object)).toEqual(['msgtype', 'markdown']);
      expect(delivery.payload).toEqual({
        msgtype: 'markdown',
        markdown: { content: expect.stringContaining(alert.titleZh) },
      });

      let sent: unknown;
      const scope = nock('https://qyapi.weixin.qq.com')
        .post('/cgi-bin/webhook/send', (b) => {
          sent = b;
          return true;
        })
        .query({ key: WECOM_KEY })
        .reply(200, { errcode: 45009, errmsg: `api freq out of limit, key ${WECOM_KEY}` });
      const thrown = await sut.deliver({ deliveryId: delivery.id }, job(0)).catch((e: unknown) => e);
      expect(scope.isDone()).toBe(true);
      expect(sent).toEqual(delivery.payload);
      expect(thrown).toBeInstanceOf(Error);
      // what JobQueue does with a handler's error
      logger.warn({ err: thrown }, 'job failed');

      // the next attempt cannot connect: nock's refusal names the full URL, key and all
      const second = await sut.deliver({ deliveryId: delivery.id }, job(1)).catch((e: unknown) => e);
      logger.warn({ err: second }, 'job failed');

      const after = await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
      expect(after).toMatchObject({ status: 'pending', attempts: 2 });
      expect(after.lastError).toMatch(/could not connect/);
      const logged = lines.join('');
      expect(logged).toContain('45009');
      for (const text of [after.lastError!, logged, String(thrown), String(second)]) {
        expect(text).not.toContain(WECOM_KEY);
        expect(text).not.toContain(encodeURIComponent(WECOM_KEY));
      }
    });
  });

  describe('filters', () => {
    it('sends immediate messages only for critical alerts of the subscribed units and rules', async () => {
      const unit = unitCode();
      const sub = await webhook({ unitCodes: [unit], ruleIds: ['MON-PROD-NO-FILING'], digest: false });
      const wanted = notifiableAlert({ ownerUnitCode: unit });
      const reopened = notifiableAlert({ ownerUnitCode: unit });
      await sut.notifyScan(
        randomUUID(),
        changes({
          opened: [
            wanted,
            notifiableAlert(), // another unit
            notifiableAlert({ ownerUnitCode: unit, ruleId: 'MON-VIDEO-OFFLINE' }), // another rule
            notifiableAlert({ ownerUnitCode: unit, severity: 'warning' }), // not critical
            notifiableAlert({ ownerUnitCode: null }),
          ],
          reopened: [reopened],
          resolved: [notifiableAlert({ ownerUnitCode: unit })],
        }),
      );
      const sent = await deliveriesOf(sub.id);
      expect(sent.map((d) => d.kind)).toEqual(['immediate', 'immediate']);
      expect(sent.flatMap((d) => d.alertIds).sort()).toEqual([wanted.id, reopened.id].sort());
    });

    it('puts in the digest only alerts at least as severe as minSeverity, and sends none when nothing matched', async () => {
      const sub = await webhook({ minSeverity: 'warning', immediate: false });
      const warning = notifiableAlert({ severity: 'warning' });
      const critical = notifiableAlert({ severity: 'critical' });
      const info = notifiableAlert({ severity: 'info' });
      await sut.notifyScan(randomUUID(), changes({ opened: [warning, info, critical], open: 3 }));
      await sut.notifyScan(
        randomUUID(),
        changes({ opened: [notifiableAlert({ severity: 'info' })], open: 4 }),
      );

      const [digest, ...rest] = await deliveriesOf(sub.id);
      expect(rest).toHaveLength(0);
      expect(digest!.kind).toBe('digest');
      expect(digest!.alertIds.sort()).toEqual([warning.id, critical.id].sort());
    });

    it('leaves disabled subscriptions out', async () => {
      const sub = await webhook({ enabled: false });
      expect(await sut.notifyScan(randomUUID(), changes({ opened: [notifiableAlert()] }))).toEqual({
        deliveries: 0,
      });
      expect(await deliveriesOf(sub.id)).toHaveLength(0);
    });
  });

  describe('digest', () => {
    it('sends one digest per scan with the opened and resolved lists and the open count, once however often it is called', async () => {
      const sub = await webhook({ immediate: false });
      const opened = [notifiableAlert(), notifiableAlert({ severity: 'warning' })];
      const resolved = [notifiableAlert({ status: 'resolved' })];
      const run = randomUUID();

      expect(await sut.notifyScan(run, changes({ opened, resolved, open: 7 }))).toEqual({ deliveries: 1 });
      expect(await sut.notifyScan(run, changes({ opened, resolved, open: 7 }))).toEqual({ deliveries: 0 });

      const delivery = await deliveryOf(sub.id);
      expect(delivery.kind).toBe('digest');
      const body = delivery.payload as unknown as {
        type: string;
        counts: Record<string, number>;
        opened: { items: NotifiableAlert[] };
        resolved: { items: NotifiableAlert[] };
        message: { text: string };
      };
      expect(body.type).toBe('digest');
      expect(body.counts).toEqual({ opened: 2, reopened: 0, resolved: 1, open: 7 });
      expect(body.opened.items.map((a) => a.id)).toEqual(opened.map((a) => a.id));
      expect(body.resolved.items.map((a) => a.id)).toEqual([resolved[0]!.id]);
      expect(body.message.text).toContain(opened[0]!.titleZh);
      expect(body.message.text).toContain(resolved[0]!.titleZh);
      expect(body.message.text).toContain('已消除 / Resolved (1)');
    });

    it(`merges more than ${MAX_IMMEDIATE_PER_SCAN} critical alerts of one scan into one immediate message`, async () => {
      const sub = await webhook({ digest: false });
      const many = Array.from({ length: MAX_IMMEDIATE_PER_SCAN + 1 }, () => notifiableAlert());
      await sut.notifyScan(randomUUID(), changes({ opened: many }));
      const delivery = await deliveryOf(sub.id);
      expect(delivery.alertIds).toHaveLength(many.length);
      expect(await payloadOf(sub.id, 'immediate')).toMatchObject({
        type: 'alerts',
        counts: { opened: many.length },
      });
    });
  });

  describe('egress', () => {
    /** A receiver on this machine that answers with something an attacker would like to read. */
    async function localReceiver() {
      const hits: string[] = [];
      const server = http.createServer((req, res) => {
        hits.push(req.url ?? '');
        res.writeHead(500).end('SELECT version(): PostgreSQL 18 internal');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      return { port, hits, close: () => new Promise<void>((r) => server.close(() => r())) };
    }

    const refusedTargets = (port: number) => [
      `http://127.0.0.1:${port}/hook`,
      `http://[::1]:${port}/hook`,
      'http://10.1.2.3/hook',
      'http://169.254.169.254/latest/meta-data/iam/',
      `http://localhost:${port}/hook`,
      `http://[::ffff:127.0.0.1]:${port}/hook`,
    ];

    it('refuses loopback, private, link-local, a name of this machine and IPv4-mapped loopback at creation, naming target', async () => {
      for (const target of refusedTargets(5432)) {
        const err = await webhook({ target }).catch((e: unknown) => e);
        expect(err, target).toBeInstanceOf(AppError);
        expect(err).toMatchObject({
          code: 'INVALID_REQUEST',
          details: { issues: [{ path: 'target' }] },
        });
        expect((err as AppError).text.zh).toMatch(/^通知订阅无效：target: 通知目标/);
        expect((err as AppError).text.en).toContain('HUB_NOTIFY_ALLOWED_HOSTS');
      }
      const sub = await webhook();
      await expect(
        subscriptions.update(sub.id, { target: 'http://169.254.169.254/' }, 'tester'),
      ).rejects.toMatchObject({ code: 'INVALID_REQUEST', details: { issues: [{ path: 'target' }] } });
      expect((await subscriptions.get(sub.id)).target).toBe(HOOK_URL);
    });

    it('refuses the same targets at send time, for good, without connecting or quoting an answer', async () => {
      const receiver = await localReceiver();
      try {
        for (const target of refusedTargets(receiver.port)) {
          // a subscription stored before these rules existed
          const row = await prisma.notificationSubscription.create({
            data: {
              name: 'legacy',
              channel: 'webhook',
              target,
              secret: HOOK_SECRET,
              minSeverity: 'warning',
              createdBy: 'tester',
            },
          });
          await expect(sut.sendTest(row.id, 'tester')).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
          const delivery = await prisma.notificationDelivery.create({
            data: { subscriptionId: row.id, kind: 'test', alertIds: [], status: 'pending', payload: {} },
          });
          await sut.deliver({ deliveryId: delivery.id }, job(0));
          const after = await sut.getDelivery(delivery.id);
          expect(after, target).toMatchObject({ status: 'failed', attempts: 1 });
          expect(after.lastError).toContain('HUB_NOTIFY_ALLOWED_HOSTS');
          expect(after.lastError).not.toContain('PostgreSQL');
        }
        expect(receiver.hits).toEqual([]);
      } finally {
        await receiver.close();
      }
    });

    it('checks the name again at send time: one that moved to 127.0.0.1 after creation reaches nothing', async () => {
      const receiver = await localReceiver();
      try {
        resolver.set('hooks.rebind.example.com', [[PUBLIC_ADDRESS], ['127.0.0.1']]);
        const target = `http://hooks.rebind.example.com:${receiver.port}/hook`;
        const sub = await webhook({ target, digest: false });
        await sut.notifyScan(randomUUID(), changes({ opened: [notifiableAlert()] }));
        const delivery = await deliveryOf(sub.id);
        await sut.deliver({ deliveryId: delivery.id }, job(0));
        const after = await sut.getDelivery(delivery.id);
        expect(after).toMatchObject({ status: 'failed', attempts: 1 });
        expect(after.lastError).toContain('127.0.0.1');
        expect(receiver.hits).toEqual([]);
      } finally {
        await receiver.close();
      }
    });
  });

  describe('subscriptions', () => {
    it('never shows a secret or a robot key, and audits the creation', async () => {
      const sub = await subscribe({ channel: 'wecom', target: WECOM_URL, name: 'ops group' });
      const listed = (await subscriptions.list()).find((s) => s.id === sub.id)!;
      expect(listed).toMatchObject({ name: 'ops group', channel: 'wecom', hasSecret: false });
      expect(JSON.stringify(listed)).not.toContain(WECOM_KEY);
      const hook = await webhook();
      expect(hook.hasSecret).toBe(true);
      expect(JSON.stringify(await subscriptions.list())).not.toContain(HOOK_SECRET);
      const audit = await prisma.auditEntry.findMany({ where: { objectId: { in: [sub.id, hook.id] } } });
      expect(audit.map((a) => a.action)).toEqual(['subscription.create', 'subscription.create']);
      const data = JSON.stringify(audit.map((a) => a.data));
      expect(data).toContain('qyapi.weixin.qq.com');
      expect(data).not.toContain(WECOM_KEY);
      expect(data).not.toContain(HOOK_SECRET);
    });

    it('refuses an email subscription when no SMTP server is configured, saying so', async () => {
      const err = await subscribe({ channel: 'email', target: 'ops@example.gov.cn' }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'INVALID_REQUEST', status: 400 });
      expect((err as AppError).text.en).toContain('HUB_SMTP_URL');
    });

    it('refuses a DingTalk robot elsewhere than oapi.dingtalk.com, a webhook without a secret, a WeCom secret', async () => {
      await expect(
        subscribe({
          channel: 'dingtalk',
          target: `https://robot.example.com/robot/send?access_token=${DING_TOKEN}`,
        }),
      ).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
      await expect(subscribe({ channel: 'webhook', target: HOOK_URL })).rejects.toMatchObject({
        code: 'INVALID_REQUEST',
      });
      await expect(
        subscribe({ channel: 'wecom', target: WECOM_URL, secret: 'x'.repeat(20) }),
      ).rejects.toMatchObject({
        code: 'INVALID_REQUEST',
      });
    });

    it('disables and re-targets a subscription, audited; a delivery queued before the disable is not sent', async () => {
      const sub = await webhook({ digest: false });
      await sut.notifyScan(randomUUID(), changes({ opened: [notifiableAlert()] }));
      const updated = await subscriptions.update(
        sub.id,
        { enabled: false, ruleIds: ['MON-VIDEO-OFFLINE'] },
        'tester',
      );
      expect(updated).toMatchObject({ enabled: false, ruleIds: ['MON-VIDEO-OFFLINE'] });

      const delivery = await deliveryOf(sub.id);
      await sut.deliver({ deliveryId: delivery.id }, job());
      expect(
        await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } }),
      ).toMatchObject({
        status: 'failed',
        attempts: 0,
        lastError: expect.stringContaining('disabled'),
      });
      const audit = await prisma.auditEntry.findMany({
        where: { objectId: sub.id },
        orderBy: { seq: 'asc' },
      });
      expect(audit.map((a) => a.action)).toEqual(['subscription.create', 'subscription.update']);
    });

    it('sends a test message to a disabled subscription through the handler', async () => {
      const sub = await webhook({ enabled: false });
      const queued = await sut.sendTest(sub.id, 'tester');
      expect(queued).toMatchObject({ kind: 'test', status: 'pending', subscriptionId: sub.id });
      const scope = nock(HOOK_ORIGIN)
        .post('/hooks/hub', (b: { type?: string }) => b.type === 'test')
        .reply(200);
      await sut.deliver({ deliveryId: queued.id }, job());
      expect(scope.isDone()).toBe(true);
      expect(await sut.getDelivery(queued.id)).toMatchObject({
        status: 'delivered',
        attempts: 1,
        payload: { type: 'test' },
      });
      const list = await sut.listDeliveries({
        subscriptionId: sub.id,
        status: 'delivered',
        page: 1,
        pageSize: 10,
      });
      expect(list.items.map((d) => d.id)).toEqual([queued.id]);
    });
  });

  it('signs webhooks with the documented formula', () => {
    // guards the docs' example: timestamp, ".", raw body
    expect(signWebhook('k', 1, 'b')).toBe(signWebhook('k', '1', Buffer.from('b')));
  });
});

describe(`${NotificationsService.name} over SMTP`, () => {
  const PASSWORD = 'smtp-pa55word-never-logged';
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: INestApplicationContext;
  let server: SMTPServer;
  const received: { from: string; to: string[]; raw: string }[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: false,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth(auth, _session, cb) {
        if (auth.username === 'hub' && auth.password === PASSWORD) cb(null, { user: 'hub' });
        else cb(new Error('Invalid username or password'));
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as { port: number };
    db = await createTestDatabase();
    ({ ctx } = await notifyContext(db.url, {
      HUB_SMTP_URL: `smtp://hub:${PASSWORD}@127.0.0.1:${port}`,
      HUB_SMTP_FROM: '合规中枢 <hub@example.gov.cn>',
      // the test's mail server is on this machine
      HUB_NOTIFY_ALLOWED_HOSTS: '127.0.0.1',
    }));
  });
  afterAll(async () => {
    await ctx?.close();
    await db?.drop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('mails an immediate alert to every address, from HUB_SMTP_FROM, with text and HTML', async () => {
    const sut = ctx.get(NotificationsService);
    const sub = await ctx.get(SubscriptionsService).create(
      ZSubscriptionCreate.parse({
        channel: 'email',
        target: 'ops@example.gov.cn, duty@example.gov.cn',
        digest: false,
      }),
      'tester',
    );
    const alert = notifiableAlert();
    await sut.notifyScan(randomUUID(), changes({ opened: [alert] }));
    const { items } = await sut.listDeliveries({ subscriptionId: sub.id, page: 1, pageSize: 10 });
    const delivery = await sut.getDelivery(items[0]!.id);
    expect(delivery.payload).toMatchObject({
      subject: expect.stringContaining(alert.titleZh),
      text: expect.stringContaining(alert.messageZh),
      html: expect.stringContaining('<html>'),
    });

    await sut.deliver({ deliveryId: delivery.id }, job());

    expect(await sut.getDelivery(delivery.id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      from: 'hub@example.gov.cn',
      to: ['ops@example.gov.cn', 'duty@example.gov.cn'],
    });
    expect(received[0]!.raw).toContain(`X-Hub-Delivery: ${delivery.id}`);
    expect(received[0]!.raw).toContain('text/html');
    expect(received[0]!.raw).toContain('text/plain');
  });

  /**
   * A hub on a database of its own mailing through `smtpUrl`: one test message sent through the
   * handler, what the delivery log says of it, and the hub's log lines.
   */
  async function testMessageVia(smtpUrl: string, env: Record<string, string> = {}) {
    const db2 = await createTestDatabase();
    const other = await notifyContext(db2.url, {
      HUB_SMTP_URL: smtpUrl,
      HUB_SMTP_FROM: 'hub@example.gov.cn',
      ...env,
    });
    try {
      const sut = other.ctx.get(NotificationsService);
      const sub = await other.ctx
        .get(SubscriptionsService)
        .create(ZSubscriptionCreate.parse({ channel: 'email', target: 'ops@example.gov.cn' }), 'tester');
      const queued = await sut.sendTest(sub.id, 'tester');
      await sut.deliver({ deliveryId: queued.id }, job(0));
      return { after: await sut.getDelivery(queued.id), lines: other.lines };
    } finally {
      await other.ctx.close();
      await db2.drop();
    }
  }
  const smtpPort = () => (server.server.address() as { port: number }).port;

  it('refuses a mail server on a private address unless HUB_NOTIFY_ALLOWED_HOSTS lists it, and mails nothing', async () => {
    const before = received.length;
    const { after } = await testMessageVia(`smtp://hub:${PASSWORD}@localhost:${smtpPort()}`);
    expect(after).toMatchObject({ status: 'failed', attempts: 1 });
    expect(after.lastError).toMatch(
      /^邮件服务器（HUB_SMTP_URL）不可用：通知目标 localhost（解析为 127\.0\.0\.1）/,
    );
    expect(after.lastError).not.toContain(PASSWORD);
    expect(received).toHaveLength(before);
  });

  it('fails for good when the server refuses the credentials, without the password in lastError', async () => {
    const { after, lines } = await testMessageVia(`smtp://hub:wrong-${PASSWORD}@127.0.0.1:${smtpPort()}`, {
      HUB_NOTIFY_ALLOWED_HOSTS: '127.0.0.1',
    });
    expect(after).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: expect.stringContaining('EAUTH'),
    });
    expect(after.lastError).not.toContain(PASSWORD);
    expect(lines.join('')).not.toContain(PASSWORD);
  });
});
