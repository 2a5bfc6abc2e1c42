import { hub } from '../../api/hub';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { errorMessage, QueryState, Time } from '../../components/common';
import { DecisionModal } from './decision-modal';
import { DisputeModal } from './dispute-modal';
import type { DisputeView, FindingView } from './project.types';
import { pick } from './project.types';

const STATUS_COLORS = { open: 'warning', upheld: 'success', dismissed: 'default' } as const;

/** 异议: the unit's objections to findings, and the reviewers' decisions with correction requests. */
export function DisputesPanel({ code, findings }: { code: string; findings: FindingView[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [raising, setRaising] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<{ id: string; decision: 'uphold' | 'dismiss' } | null>(null);
  const disputes = useQuery({
    queryKey: ['project', code, 'disputes'],
    queryFn: () => hub.get('/api/disputes', { query: { projectCode: code } }),
  });
  const decide = useMutation({
    mutationFn: ({ id, decision, comment }: { id: string; decision: string; comment: string }) =>
      api.post(`/api/disputes/${id}/decision`, { decision, comment }),
    onSuccess: () => {
      setDeciding(null);
      void client.invalidateQueries({ queryKey: ['project', code, 'disputes'] });
    },
    onError: (e) => void message.error(errorMessage(e, lang)),
  });
  const contestable = findings.filter((f) => f.verdict === 'FAIL' || f.verdict === 'UNKNOWN');
  const columns: ColumnsType<DisputeView> = [
    {
      title: t('projects.dispute.rule'),
      dataIndex: 'ruleId',
      width: 220,
      render: (ruleId: string, d) => (
        <>
          <Typography.Text code>{ruleId}</Typography.Text>
          <div>{pick(d.ruleTitle, lang)}</div>
        </>
      ),
    },
    { title: t('projects.dispute.reason'), dataIndex: 'reason' },
    {
      title: t('projects.dispute.raisedBy'),
      key: 'raised',
      width: 170,
      render: (_, d) => (
        <Space orientation="vertical" size={0}>
          {d.raisedBy}
          <Time value={d.raisedAt} />
        </Space>
      ),
    },
    {
      title: t('projects.binding.state'),
      dataIndex: 'status',
      width: 90,
      render: (s: DisputeView['status']) => (
        <Tag color={STATUS_COLORS[s]}>{t(`projects.dispute.status.${s}`)}</Tag>
      ),
    },
    {
      title: t('projects.dispute.decision'),
      key: 'decision',
      render: (_, d) =>
        d.decidedBy ? (
          <Space orientation="vertical" size={2}>
            <span>
              {d.decidedBy} · <Time value={d.decidedAt} />
            </span>
            {d.decisionComment}
            {d.correction && (
              <Typography.Text type="secondary">
                {t('projects.dispute.correction')}：{pick(d.correction.text, lang)}
              </Typography.Text>
            )}
          </Space>
        ) : (
          '—'
        ),
    },
    ...(can('disputes:decide')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            render: (_: unknown, d: DisputeView) =>
              d.status === 'open' ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setDeciding({ id: d.id, decision: 'uphold' })}
                    data-testid={`dispute-uphold-${d.id}`}
                  >
                    {t('projects.dispute.uphold')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() => setDeciding({ id: d.id, decision: 'dismiss' })}
                    data-testid={`dispute-dismiss-${d.id}`}
                  >
                    {t('projects.dispute.dismiss')}
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <>
      {can('disputes:raise') && (
        <Button
          style={{ marginBottom: 12 }}
          disabled={contestable.length === 0}
          onClick={() => setRaising('')}
          data-testid="project-raise-dispute"
        >
          {t('projects.dispute.raise')}
        </Button>
      )}
      <QueryState query={disputes}>
        {(rows) => (
          <Table<DisputeView>
            data-testid="project-disputes"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t('projects.dispute.empty') }}
            scroll={{ x: 900 }}
          />
        )}
      </QueryState>
      {can('disputes:raise') && (
        <DisputeModal code={code} findings={contestable} ruleId={raising} onClose={() => setRaising(null)} />
      )}
      <DecisionModal
        open={deciding !== null}
        title={deciding ? t(`projects.dispute.${deciding.decision}`) : ''}
        label={t('projects.dispute.comment')}
        required
        loading={decide.isPending}
        onCancel={() => setDeciding(null)}
        onSubmit={(comment) => deciding && decide.mutate({ ...deciding, comment })}
      />
    </>
  );
}
