import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert } from '../../components/common';
import { formatDate } from '../../time';
import { opinionKey, type RectificationItem, reviewKey, type ReviewView } from './review.types';

/**
 * What the decision asked the unit to fix (整改事项), each marked done by the unit; once fixed, the
 * unit applies again and the new review's check is compared with this one.
 */
export function RectificationItems({ review }: { review: ReviewView }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const done = useMutation({
    mutationFn: (itemId: string) => api.post<ReviewView>(`/api/reviews/${review.id}/items/${itemId}/done`),
    onSuccess: (updated) => {
      client.setQueryData(reviewKey(review.id), updated);
      void client.invalidateQueries({ queryKey: opinionKey(review.id) });
      void message.success(t('reviews.markedDone'));
    },
  });
  const reapply = useMutation({
    mutationFn: () => api.post<ReviewView>('/api/reviews', { projectCode: review.projectCode }),
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: ['reviews', 'list'] });
      void message.success(t('reviews.reapplied'));
      void navigate(`/reviews/${created.id}`);
    },
  });
  const mayApply = can('reviews:apply');
  const canReapply = mayApply && review.status === 'decided' && review.decision !== 'approve';
  return (
    <Card
      title={t('reviews.rectification')}
      data-testid="rectification"
      extra={
        canReapply ? (
          <Button data-testid="review-reapply" loading={reapply.isPending} onClick={() => reapply.mutate()}>
            {t('reviews.reapply')}
          </Button>
        ) : null
      }
    >
      {done.error ? <ErrorAlert error={done.error} /> : null}
      {reapply.error ? <ErrorAlert error={reapply.error} /> : null}
      <Table<RectificationItem>
        rowKey="id"
        size="small"
        pagination={false}
        locale={{ emptyText: t('reviews.noItems') }}
        dataSource={review.items}
        columns={[
          { title: t('reviews.itemRule'), dataIndex: 'ruleId', render: (v: string | null) => v ?? '—' },
          { title: t('reviews.itemDescription'), dataIndex: 'description' },
          { title: t('reviews.itemDeadline'), dataIndex: 'deadline', render: (v: string) => formatDate(v) },
          {
            title: t('reviews.status'),
            dataIndex: 'status',
            render: (v: RectificationItem['status']) => (
              <Tag color={v === 'done' ? 'success' : 'warning'}>{t(`reviews.itemStatus.${v}`)}</Tag>
            ),
          },
          ...(mayApply
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, item: RectificationItem) =>
                    item.status === 'open' ? (
                      <Button
                        size="small"
                        data-testid={`item-done-${item.id}`}
                        loading={done.isPending && done.variables === item.id}
                        onClick={() => done.mutate(item.id)}
                      >
                        {t('reviews.markDone')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
