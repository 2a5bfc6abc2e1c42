import { useQuery } from '@tanstack/react-query';
import { Button, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { QueryState, Time } from '../../components/common';
import {
  DELIVERY_KINDS,
  DELIVERY_STATUSES,
  type DeliveryDetail,
  type DeliveryView,
  type DeliveryPage,
  type SubscriptionView,
} from './admin.types';

const PAGE_SIZE = 50;
const STATUS_COLORS: Record<DeliveryView['status'], string> = {
  pending: 'processing',
  delivered: 'success',
  failed: 'error',
};

function PayloadModal({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: ['notifications', 'delivery', id],
    queryFn: () => api.get<DeliveryDetail>(`/api/notifications/deliveries/${id}`),
    enabled: id !== null,
  });
  return (
    <Modal
      open={id !== null}
      title={t('admin.notifications.payload')}
      footer={null}
      onCancel={onClose}
      width={720}
    >
      <QueryState query={detail}>
        {(d) => (
          <pre style={{ fontSize: 12, maxHeight: 480, overflow: 'auto' }}>
            {JSON.stringify(d.payload, null, 2)}
          </pre>
        )}
      </QueryState>
    </Modal>
  );
}

/** The delivery log, filtered by subscription, status and kind (in the URL), newest first. */
export function DeliveriesTable({ subscriptions }: { subscriptions: SubscriptionView[] }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [payloadOf, setPayloadOf] = useState<string | null>(null);
  const filter = {
    subscriptionId: params.get('subscriptionId') ?? undefined,
    status: params.get('status') ?? undefined,
    kind: params.get('kind') ?? undefined,
  };
  const page = Math.max(1, Number(params.get('page')) || 1);
  const deliveries = useQuery({
    queryKey: ['notifications', 'deliveries', filter, page],
    queryFn: () =>
      api.get<DeliveryPage>('/api/notifications/deliveries', {
        query: { ...filter, page, pageSize: PAGE_SIZE },
      }),
    placeholderData: (previous) => previous,
  });
  const set = (key: string, value: string | undefined) =>
    setParams((p) => {
      if (value) p.set(key, value);
      else p.delete(key);
      p.delete('page');
      return p;
    });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          placeholder={t('admin.notifications.subscription')}
          style={{ width: 220 }}
          value={filter.subscriptionId}
          onChange={(v?: string) => set('subscriptionId', v)}
          options={subscriptions.map((s) => ({ value: s.id, label: s.name }))}
          data-testid="delivery-filter-subscription"
        />
        <Select
          allowClear
          placeholder={t('admin.notifications.status')}
          style={{ width: 140 }}
          value={filter.status}
          onChange={(v?: string) => set('status', v)}
          options={DELIVERY_STATUSES.map((s) => ({
            value: s,
            label: t(`admin.notifications.statusValue.${s}`),
          }))}
          data-testid="delivery-filter-status"
        />
        <Select
          allowClear
          placeholder={t('admin.notifications.kind')}
          style={{ width: 140 }}
          value={filter.kind}
          onChange={(v?: string) => set('kind', v)}
          options={DELIVERY_KINDS.map((k) => ({ value: k, label: t(`admin.notifications.kindValue.${k}`) }))}
          data-testid="delivery-filter-kind"
        />
      </Space>
      <QueryState query={deliveries}>
        {(data) => (
          <div data-testid="deliveries-table">
            <Table<DeliveryView>
              rowKey="id"
              size="small"
              dataSource={data.items}
              loading={deliveries.isFetching}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: data.total,
                showSizeChanger: false,
                onChange: (p) =>
                  setParams((prev) => {
                    prev.set('page', String(p));
                    return prev;
                  }),
              }}
              columns={[
                {
                  title: t('admin.notifications.createdAt'),
                  dataIndex: 'createdAt',
                  width: 150,
                  render: (at: string) => <Time value={at} />,
                },
                { title: t('admin.notifications.subscription'), dataIndex: 'subscriptionName' },
                {
                  title: t('admin.notifications.kind'),
                  dataIndex: 'kind',
                  render: (k: string) => t(`admin.notifications.kindValue.${k}`, { defaultValue: k }),
                },
                {
                  title: t('admin.notifications.status'),
                  dataIndex: 'status',
                  render: (s: DeliveryView['status']) => (
                    <Tag color={STATUS_COLORS[s]}>
                      {t(`admin.notifications.statusValue.${s}`, { defaultValue: s })}
                    </Tag>
                  ),
                },
                {
                  title: t('admin.notifications.attempts'),
                  dataIndex: 'attempts',
                  width: 90,
                  align: 'right',
                },
                {
                  title: t('admin.notifications.lastAttempt'),
                  dataIndex: 'lastAttemptAt',
                  width: 150,
                  render: (at: string | null) => <Time value={at} />,
                },
                {
                  title: t('admin.notifications.deliveredAt'),
                  dataIndex: 'deliveredAt',
                  width: 150,
                  render: (at: string | null) => <Time value={at} />,
                },
                {
                  title: t('admin.notifications.lastError'),
                  dataIndex: 'lastError',
                  render: (e: string | null) =>
                    e ? (
                      <Typography.Text type="danger" style={{ fontSize: 12 }}>
                        {e}
                      </Typography.Text>
                    ) : (
                      '—'
                    ),
                },
                {
                  title: t('common.actions'),
                  key: 'payload',
                  render: (_, d) => (
                    <Button type="link" size="small" onClick={() => setPayloadOf(d.id)}>
                      {t('admin.notifications.payload')}
                    </Button>
                  ),
                },
              ]}
            />
          </div>
        )}
      </QueryState>
      <PayloadModal id={payloadOf} onClose={() => setPayloadOf(null)} />
    </Space>
  );
}
