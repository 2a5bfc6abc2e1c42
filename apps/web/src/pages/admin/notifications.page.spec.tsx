import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { meOf, mockHub, renderPage } from '../../testing/render';
import type { ChannelAvailability, DeliveryView, SubscriptionView } from './admin.types';
import NotificationsPage from './notifications.page';

// Ant Design's first render is slow when every test file runs at once.
configure({ asyncUtilTimeout: 5000 });

const SUB_ID = '0b7d6c5e-1111-4222-8333-444455556666';
const channels: ChannelAvailability[] = [
  { channel: 'webhook', title: { zh: 'Webhook', en: 'webhook' }, available: true, reason: null },
  { channel: 'dingtalk', title: { zh: '钉钉群机器人', en: 'DingTalk' }, available: true, reason: null },
  { channel: 'wecom', title: { zh: '企业微信群机器人', en: 'WeCom' }, available: true, reason: null },
  {
    channel: 'email',
    title: { zh: '电子邮件', en: 'email' },
    available: false,
    reason: { zh: '未配置 SMTP', en: 'no SMTP' },
  },
];
const subscription: SubscriptionView = {
  id: SUB_ID,
  name: '运维值班群',
  channel: 'dingtalk',
  target: 'https://oapi.dingtalk.com/robot/send?access_token=****',
  hasSecret: true,
  unitCodes: [],
  ruleIds: ['MON-PROD-NO-FILING'],
  minSeverity: 'critical',
  immediate: true,
  digest: false,
  enabled: true,
  createdBy: 'monitor',
  createdAt: '2026-11-01T00:00:00.000Z',
  deliveries: { pending: 1, delivered: 7, failed: 2 },
};
const delivery: DeliveryView = {
  id: '9a9a9a9a-1111-4222-8333-444455556666',
  subscriptionId: SUB_ID,
  subscriptionName: '运维值班群',
  channel: 'dingtalk',
  kind: 'test',
  status: 'failed',
  attempts: 3,
  lastError: 'robot answered errcode 310000',
  lastAttemptAt: '2026-11-20T01:00:00.000Z',
  deliveredAt: null,
  createdAt: '2026-11-20T00:59:00.000Z',
  checkRunId: null,
  alertIds: [],
};
const MONITOR = meOf('monitor', ['notifications:read', 'notifications:manage']);

function hub(me = MONITOR, extra: Record<string, object> = {}) {
  return mockHub({
    'GET /api/auth/me': me,
    'GET /api/notifications/channels': channels,
    'GET /api/notifications/subscriptions': [subscription],
    'GET /api/notifications/deliveries': { total: 1, items: [delivery] },
    ...extra,
  });
}

describe('NotificationsPage', { timeout: 20_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows subscriptions read-only to an auditor', async () => {
    hub(meOf('auditor', ['notifications:read']));
    renderPage(<NotificationsPage />, { path: '/admin/notifications' });
    const table = await screen.findByTestId('subscriptions-table');
    expect(within(table).getByText('运维值班群')).toBeTruthy();
    expect(screen.getByText(/电子邮件 · 不可用/)).toBeTruthy();
    expect(screen.queryByTestId('subscription-create')).toBeNull();
    expect(screen.queryByTestId(`subscription-test-${SUB_ID}`)).toBeNull();
    expect((screen.getByTestId(`subscription-enabled-${SUB_ID}`) as HTMLButtonElement).disabled).toBe(true);
  });

  it('creates a webhook subscription with its secret and filters', async () => {
    const { calls } = hub(MONITOR, {
      'POST /api/notifications/subscriptions': { ...subscription, id: 'new' },
    });
    renderPage(<NotificationsPage />, { path: '/admin/notifications' });
    const create = (await screen.findByTestId('subscription-create')) as HTMLButtonElement;
    await waitFor(() => expect(create.disabled).toBe(false));
    fireEvent.click(create);
    fireEvent.change(await screen.findByTestId('subscription-name'), { target: { value: '省平台回调' } });
    fireEvent.change(screen.getByTestId('subscription-target'), {
      target: { value: 'https://hooks.example.gov.cn/hub' },
    });
    fireEvent.change(screen.getByTestId('subscription-secret'), {
      target: { value: '0123456789abcdef0123' },
    });
    fireEvent.click(screen.getByTestId('subscription-submit'));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        name: '省平台回调',
        channel: 'webhook',
        target: 'https://hooks.example.gov.cn/hub',
        secret: '0123456789abcdef0123',
        unitCodes: [],
        ruleIds: [],
        minSeverity: 'warning',
        immediate: true,
        digest: true,
        enabled: true,
      }),
    );
  });

  it('sends a test message and disables a subscription', async () => {
    const { calls } = hub(MONITOR, {
      [`POST /api/notifications/subscriptions/${SUB_ID}/test`]: delivery,
      [`PATCH /api/notifications/subscriptions/${SUB_ID}`]: { ...subscription, enabled: false },
    });
    renderPage(<NotificationsPage />, { path: '/admin/notifications' });
    fireEvent.click(await screen.findByTestId(`subscription-test-${SUB_ID}`));
    expect(await screen.findByText(/测试消息已排队发送/)).toBeTruthy();
    fireEvent.click(screen.getByTestId(`subscription-enabled-${SUB_ID}`));
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ enabled: false }));
  });

  it('deletes a subscription after confirmation', async () => {
    const { calls } = hub(MONITOR, {
      [`DELETE /api/notifications/subscriptions/${SUB_ID}`]: {
        id: SUB_ID,
        deleted: true,
        deliveriesRemoved: 10,
      },
    });
    renderPage(<NotificationsPage />, { path: '/admin/notifications' });
    fireEvent.click(await screen.findByTestId(`subscription-remove-${SUB_ID}`));
    fireEvent.click(await screen.findByTestId('subscription-remove-confirm'));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
  });

  it('opens the delivery log of one subscription with each delivery’s status', async () => {
    const { calls } = hub();
    const { router } = renderPage(<NotificationsPage />, { path: '/admin/notifications' });
    fireEvent.click(await screen.findByTestId(`subscription-deliveries-${SUB_ID}`));
    const table = await screen.findByTestId('deliveries-table');
    expect(within(table).getByText('失败')).toBeTruthy();
    expect(within(table).getByText('robot answered errcode 310000')).toBeTruthy();
    expect(router.state.location.search).toBe(`?tab=deliveries&subscriptionId=${SUB_ID}`);
    expect(
      calls.some(
        (c) => c.path === `/api/notifications/deliveries?subscriptionId=${SUB_ID}&page=1&pageSize=50`,
      ),
    ).toBe(true);
  });
});
