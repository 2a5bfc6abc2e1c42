import { hub } from '../../api/hub';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { errorMessage, Forbidden, QueryState } from '../../components/common';
import { type ChannelAvailability, pick, type SubscriptionView } from './admin.types';
import { DeliveriesTable } from './deliveries-table';
import { SubscriptionFormModal } from './subscription-form-modal';

const SEVERITY_COLORS = { critical: 'red', warning: 'orange', info: 'blue' } as const;

function Channels({ channels }: { channels: ChannelAvailability[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Space wrap data-testid="notification-channels">
      <Typography.Text type="secondary">{t('admin.notifications.channels')}：</Typography.Text>
      {channels.map((c) => (
        <Tooltip key={c.channel} title={c.reason ? pick(c.reason, i18n.language) : undefined}>
          <Tag color={c.available ? 'success' : 'default'}>
            {pick(c.title, i18n.language)} ·{' '}
            {c.available ? t('admin.notifications.available') : t('admin.notifications.unavailable')}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/**
 * 通知订阅: where alerts are sent (channels), who follows which (subscriptions, managed with
 * notifications:manage), and what was sent (the delivery log). The tab and log filters live in the URL.
 */
export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const { can, loading } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<SubscriptionView | null | 'new'>(null);
  const readable = can('notifications:read');
  const channels = useQuery({
    queryKey: ['notifications', 'channels'],
    queryFn: () => hub.get('/api/notifications/channels'),
    enabled: readable,
  });
  const subscriptions = useQuery({
    queryKey: ['notifications', 'subscriptions'],
    queryFn: () => hub.get('/api/notifications/subscriptions'),
    enabled: readable,
  });
  const onError = (e: unknown) => void message.error(errorMessage(e, i18n.language));
  const toggle = useMutation({
    mutationFn: (v: { id: string; enabled: boolean }) =>
      api.patch<SubscriptionView>(`/api/notifications/subscriptions/${v.id}`, { enabled: v.enabled }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['notifications'] }),
    onError,
  });
  const test = useMutation({
    mutationFn: (id: string) => api.post(`/api/notifications/subscriptions/${id}/test`),
    onSuccess: () => {
      void message.success(t('admin.notifications.testQueued'));
      void client.invalidateQueries({ queryKey: ['notifications'] });
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/notifications/subscriptions/${id}`),
    onSuccess: () => {
      void message.success(t('admin.notifications.removed'));
      void client.invalidateQueries({ queryKey: ['notifications'] });
    },
    onError,
  });
  if (!readable) return loading ? null : <Forbidden />;
  const manage = can('notifications:manage');
  const tab = params.get('tab') === 'deliveries' ? 'deliveries' : 'subscriptions';
  const showDeliveries = (subscriptionId?: string) => {
    const next = new URLSearchParams({ tab: 'deliveries' });
    if (subscriptionId) next.set('subscriptionId', subscriptionId);
    setParams(next);
  };

  return (
    <Card
      title={t('admin.notifications.title')}
      extra={
        manage && tab === 'subscriptions' ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="subscription-create"
            disabled={!channels.data}
            onClick={() => setEditing('new')}
          >
            {t('admin.notifications.create')}
          </Button>
        ) : null
      }
    >
      {channels.data ? <Channels channels={channels.data} /> : null}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'deliveries' ? { tab: k } : {})}
        items={[
          {
            key: 'subscriptions',
            label: t('admin.notifications.tabSubscriptions'),
            children: (
              <QueryState query={subscriptions}>
                {(list) => (
                  <div data-testid="subscriptions-table">
                    <Table<SubscriptionView>
                      rowKey="id"
                      size="small"
                      dataSource={list}
                      pagination={false}
                      columns={[
                        {
                          title: t('admin.notifications.name'),
                          render: (_, s) => (
                            <Space orientation="vertical" size={0}>
                              <Typography.Text strong>{s.name}</Typography.Text>
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {t('admin.notifications.createdBy')}：{s.createdBy}
                              </Typography.Text>
                            </Space>
                          ),
                        },
                        {
                          title: t('admin.notifications.channel'),
                          render: (_, s) => {
                            const c = channels.data?.find((x) => x.channel === s.channel);
                            return c ? pick(c.title, i18n.language) : s.channel;
                          },
                        },
                        {
                          title: t('admin.notifications.target'),
                          render: (_, s) => (
                            <Space orientation="vertical" size={0}>
                              <code style={{ wordBreak: 'break-all' }}>{s.target}</code>
                              {s.hasSecret ? <Tag>{t('admin.notifications.hasSecret')}</Tag> : null}
                            </Space>
                          ),
                        },
                        {
                          title: t('admin.notifications.filters'),
                          render: (_, s) => (
                            <Space size={4} wrap>
                              <Tag color={SEVERITY_COLORS[s.minSeverity]}>
                                ≥ {t(`vocabulary.alertSeverity.${s.minSeverity}`)}
                              </Tag>
                              <Tooltip title={s.unitCodes.join(', ') || undefined}>
                                <Tag>
                                  {s.unitCodes.length
                                    ? t('admin.notifications.unitsCount', { count: s.unitCodes.length })
                                    : t('admin.notifications.allUnits')}
                                </Tag>
                              </Tooltip>
                              <Tag>
                                {s.ruleIds.length ? s.ruleIds.join(', ') : t('admin.notifications.allRules')}
                              </Tag>
                              {s.immediate ? <Tag>{t('admin.notifications.kindValue.immediate')}</Tag> : null}
                              {s.digest ? <Tag>{t('admin.notifications.kindValue.digest')}</Tag> : null}
                            </Space>
                          ),
                        },
                        {
                          title: t('admin.notifications.deliveries'),
                          render: (_, s) => (
                            <Button
                              type="link"
                              size="small"
                              data-testid={`subscription-deliveries-${s.id}`}
                              onClick={() => showDeliveries(s.id)}
                            >
                              <Space size={4}>
                                <Tag color="success">{s.deliveries.delivered}</Tag>
                                <Tag color="processing">{s.deliveries.pending}</Tag>
                                <Tag color="error">{s.deliveries.failed}</Tag>
                              </Space>
                            </Button>
                          ),
                        },
                        {
                          title: t('admin.notifications.enabled'),
                          render: (_, s) => (
                            <Switch
                              size="small"
                              checked={s.enabled}
                              disabled={!manage}
                              loading={toggle.isPending && toggle.variables?.id === s.id}
                              data-testid={`subscription-enabled-${s.id}`}
                              onChange={(enabled) => toggle.mutate({ id: s.id, enabled })}
                            />
                          ),
                        },
                        ...(manage
                          ? [
                              {
                                title: t('common.actions'),
                                key: 'actions',
                                render: (_: unknown, s: SubscriptionView) => (
                                  <Space size={0} wrap>
                                    <Button type="link" size="small" onClick={() => setEditing(s)}>
                                      {t('common.details')}
                                    </Button>
                                    <Button
                                      type="link"
                                      size="small"
                                      data-testid={`subscription-test-${s.id}`}
                                      loading={test.isPending && test.variables === s.id}
                                      onClick={() => test.mutate(s.id)}
                                    >
                                      {t('admin.notifications.test')}
                                    </Button>
                                    <Popconfirm
                                      title={t('admin.notifications.removeConfirm', { name: s.name })}
                                      okButtonProps={{
                                        danger: true,
                                        ...{ 'data-testid': 'subscription-remove-confirm' },
                                      }}
                                      onConfirm={() => remove.mutate(s.id)}
                                    >
                                      <Button
                                        type="link"
                                        size="small"
                                        danger
                                        data-testid={`subscription-remove-${s.id}`}
                                      >
                                        {t('admin.notifications.remove')}
                                      </Button>
                                    </Popconfirm>
                                  </Space>
                                ),
                              },
                            ]
                          : []),
                      ]}
                    />
                  </div>
                )}
              </QueryState>
            ),
          },
          {
            key: 'deliveries',
            label: t('admin.notifications.tabDeliveries'),
            children:
              tab === 'deliveries' ? <DeliveriesTable subscriptions={subscriptions.data ?? []} /> : null,
          },
        ]}
      />
      {manage && channels.data ? (
        <SubscriptionFormModal
          open={editing !== null}
          subscription={editing === 'new' ? null : editing}
          channels={channels.data}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Card>
  );
}
