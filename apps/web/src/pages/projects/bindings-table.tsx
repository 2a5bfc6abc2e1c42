import { hub } from '../../api/hub';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { errorMessage, QueryState, Time } from '../../components/common';
import type { BindingDecisionView, BindingStatus, BindingView } from './project.types';

const STATUS_COLORS: Record<BindingStatus, string> = {
  pending: 'warning',
  confirmed: 'success',
  rejected: 'default',
  code: 'processing',
};

/**
 * The upstream records bound to the project or suggested for it (same unit, similar system name).
 * A suggestion is only evidence once confirmed, so confirming or rejecting one changes the verdicts:
 * the hub judges the project again on its stored data at once and says what changed.
 */
export function BindingsTable({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const bindings = useQuery({
    queryKey: ['project', code, 'bindings'],
    queryFn: () =>
      hub.get('/api/bindings', {
        query: { projectCode: code, pageSize: 500 },
      }),
  });
  const decide = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'confirm' | 'reject' }) =>
      api.post<BindingDecisionView>(`/api/bindings/${id}/${action}`, {}),
    onSuccess: ({ rejudged }, { action }) => {
      // The hub judged the project again at once: say what that changed, or that it could not.
      const said = i18n.language.startsWith('zh') ? rejudged.message.zh : rejudged.message.en;
      const done = t(action === 'confirm' ? 'projects.binding.confirmed' : 'projects.binding.rejected');
      if (rejudged.error) void message.warning(`${done}：${said}`);
      else void message.success(`${done}：${said}`);
      void client.invalidateQueries({ queryKey: ['project', code] });
      void client.invalidateQueries({ queryKey: ['portfolio'] });
    },
    onError: (e) => void message.error(errorMessage(e, i18n.language)),
  });
  const columns: ColumnsType<BindingView> = [
    {
      title: t('projects.binding.state'),
      dataIndex: 'status',
      width: 110,
      render: (status: BindingStatus) => (
        <Tag color={STATUS_COLORS[status]}>{t(`projects.binding.status.${status}`)}</Tag>
      ),
    },
    { title: t('projects.binding.source'), key: 'source', width: 140, render: (_, b) => b.record.source },
    {
      title: t('projects.binding.record'),
      key: 'record',
      render: (_, b) => (
        <Space size={4} wrap>
          <Typography.Text code>{b.record.externalId}</Typography.Text>
          <Typography.Text type="secondary">{b.record.kind}</Typography.Text>
          {b.record.tombstone && <Tag>{t('projects.binding.tombstone')}</Tag>}
        </Space>
      ),
    },
    { title: t('projects.binding.systemName'), key: 'system', render: (_, b) => b.record.systemName ?? '—' },
    {
      title: t('projects.binding.score'),
      dataIndex: 'score',
      width: 90,
      render: (score: number | null) => (score === null ? '—' : `${Math.round(score * 100)}%`),
    },
    {
      title: t('projects.binding.decided'),
      key: 'decided',
      width: 190,
      render: (_, b) =>
        b.decidedBy ? (
          <Space orientation="vertical" size={0}>
            {b.decidedBy}
            <Time value={b.decidedAt} />
          </Space>
        ) : (
          '—'
        ),
    },
    ...(can('bindings:decide')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 160,
            render: (_: unknown, b: BindingView) => (
              <Space>
                {(b.status === 'pending' || b.status === 'rejected') && (
                  <Button
                    size="small"
                    type="primary"
                    loading={decide.isPending && decide.variables?.id === b.id}
                    onClick={() => decide.mutate({ id: b.id, action: 'confirm' })}
                    data-testid={`binding-confirm-${b.id}`}
                  >
                    {t('projects.binding.confirm')}
                  </Button>
                )}
                {(b.status === 'pending' || b.status === 'confirmed') && (
                  <Button
                    size="small"
                    danger
                    loading={decide.isPending && decide.variables?.id === b.id}
                    onClick={() => decide.mutate({ id: b.id, action: 'reject' })}
                    data-testid={`binding-reject-${b.id}`}
                  >
                    {t('projects.binding.reject')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <QueryState query={bindings}>
      {(data) => (
        <Table<BindingView>
          data-testid="project-bindings"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data.items}
          pagination={false}
          locale={{ emptyText: t('projects.binding.empty') }}
          scroll={{ x: 900 }}
        />
      )}
    </QueryState>
  );
}
