import { hub } from '../../api/hub';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, QueryState, Time } from '../../components/common';
import { DecisionTag, StatusTag } from './review-tags';
import { REVIEW_STATUSES, type ReviewStatus, type ReviewView } from './review.types';

function ApplyModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ projectCode: string; note?: string }>();
  const apply = useMutation({
    mutationFn: (body: { projectCode: string; note?: string }) => api.post<ReviewView>('/api/reviews', body),
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: ['reviews', 'list'] });
      void message.success(t('reviews.applied'));
      onClose();
      void navigate(`/reviews/${created.id}`);
    },
  });
  return (
    <Modal
      open={open}
      title={t('reviews.applyTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: apply.isPending, ...{ 'data-testid': 'apply-submit' } }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('reviews.applyHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          apply.mutate({ projectCode: v.projectCode.trim(), ...(v.note ? { note: v.note } : {}) })
        }
      >
        <Form.Item
          name="projectCode"
          label={t('reviews.projectCode')}
          rules={[{ required: true, whitespace: true, message: t('reviews.projectCodeRequired') }]}
        >
          <Input data-testid="apply-project-code" />
        </Form.Item>
        <Form.Item name="note" label={t('reviews.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
      {apply.error ? <ErrorAlert error={apply.error} /> : null}
    </Modal>
  );
}

/**
 * Review applications (GET /api/reviews): the hub narrows them to the applicant's own unit. The
 * status filter lives in the URL so a filtered list can be shared.
 */
export default function ReviewsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const [applying, setApplying] = useState(false);
  const raw = params.get('status');
  const status = REVIEW_STATUSES.includes(raw as ReviewStatus) ? (raw as ReviewStatus) : undefined;
  const reviews = useQuery({
    queryKey: ['reviews', 'list', status ?? 'all'],
    queryFn: () => hub.get('/api/reviews', { query: { status } }),
  });
  return (
    <Card
      title={t('reviews.listTitle')}
      extra={
        can('reviews:apply') ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="review-apply"
            onClick={() => setApplying(true)}
          >
            {t('reviews.apply')}
          </Button>
        ) : null
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Segmented
          aria-label={t('reviews.filterStatus')}
          data-testid="reviews-status-filter"
          value={status ?? 'all'}
          options={[
            { value: 'all', label: t('common.all') },
            ...REVIEW_STATUSES.map((s) => ({ value: s, label: t(`reviews.statuses.${s}`) })),
          ]}
          onChange={(value) => {
            const next = new URLSearchParams(params);
            if (value === 'all') next.delete('status');
            else next.set('status', String(value));
            setParams(next, { replace: true });
          }}
        />
        <QueryState query={reviews}>
          {(rows) => (
            <Table<ReviewView>
              rowKey="id"
              size="middle"
              dataSource={rows}
              data-testid="reviews-table"
              locale={{ emptyText: t('reviews.empty') }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 1000 }}
              columns={[
                {
                  title: t('reviews.documentNo'),
                  dataIndex: 'documentNo',
                  width: 150,
                  render: (v: string, r) => (
                    <Link to={`/reviews/${r.id}`} data-testid={`review-link-${r.id}`}>
                      {v}
                    </Link>
                  ),
                },
                {
                  title: t('reviews.project'),
                  key: 'project',
                  render: (_, r) => (
                    <>
                      <Link to={`/reviews/${r.id}`}>{r.projectName}</Link>
                      <Typography.Text type="secondary" style={{ display: 'block' }}>
                        {r.projectCode}
                      </Typography.Text>
                    </>
                  ),
                },
                { title: t('reviews.unit'), dataIndex: 'unitName' },
                {
                  title: t('reviews.status'),
                  dataIndex: 'status',
                  width: 100,
                  render: (v: ReviewStatus) => <StatusTag status={v} />,
                },
                {
                  title: t('reviews.appliedAt'),
                  dataIndex: 'appliedAt',
                  width: 150,
                  render: (v: string) => <Time value={v} />,
                },
                {
                  title: t('reviews.decidedAt'),
                  dataIndex: 'decidedAt',
                  width: 150,
                  render: (v: string | null) => <Time value={v} />,
                },
                {
                  title: t('reviews.decision'),
                  dataIndex: 'decision',
                  width: 140,
                  render: (v: ReviewView['decision']) => (v ? <DecisionTag decision={v} /> : '—'),
                },
              ]}
            />
          )}
        </QueryState>
      </Space>
      {applying ? <ApplyModal open={applying} onClose={() => setApplying(false)} /> : null}
    </Card>
  );
}
