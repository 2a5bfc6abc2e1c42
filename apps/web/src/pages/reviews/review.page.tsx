import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, errorMessage, QueryState, Time } from '../../components/common';
import { CheckProgress } from './check-progress';
import { ComparisonCard } from './comparison-card';
import { DecisionForm } from './decision-form';
import { OpinionPanel } from './opinion-panel';
import { RectificationItems } from './rectification-items';
import { type CheckRunView, type CheckStarted, opinionKey, reviewKey } from './review.types';
import { DecisionTag, StatusTag } from './review-tags';
import { hub } from '../../api/hub';

/**
 * One pre-acceptance review (竣工验收前技术审查): run a fresh check and watch it, read and edit the
 * opinion, compare with the previous check, decide, follow the rectification items, export.
 */
export default function ReviewPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [startedRun, setStartedRun] = useState<string | null>(null);
  const [finishedRun, setFinishedRun] = useState<string | null>(null);
  const [deciding, setDeciding] = useState(false);

  const review = useQuery({
    queryKey: reviewKey(id),
    queryFn: () => hub.get('/api/reviews/{id}', { path: { id } }),
  });
  const hasCheck = Boolean(review.data?.checkRunId);
  const opinion = useQuery({
    queryKey: opinionKey(id),
    queryFn: () => hub.get('/api/reviews/{id}/opinion', { path: { id } }),
    enabled: hasCheck,
  });

  // A check started here, or one already running when the page opened (another tab, a reload).
  const following = startedRun ?? review.data?.activeCheckRunId ?? null;
  const checking = following !== null && finishedRun !== following;

  const start = useMutation({
    mutationFn: () =>
      api.post<CheckStarted>(`/api/reviews/${id}/check`, undefined, { query: { wait: 'false' } }),
    onSuccess: (started) => {
      setFinishedRun(null);
      setStartedRun(started.checkRunId);
    },
  });
  const onFinished = useCallback(
    (run: CheckRunView) => {
      setStartedRun(run.id);
      setFinishedRun(run.id);
      void client.invalidateQueries({ queryKey: reviewKey(id) });
      void client.invalidateQueries({ queryKey: ['reviews', 'list'] });
    },
    [client, id],
  );
  const download = useMutation({
    mutationFn: ({ format, name }: { format: 'pdf' | 'xlsx'; name: string }) =>
      api.download(`/api/reviews/${id}/opinion`, name, { query: { format } }),
    onError: (e) => void message.error(errorMessage(e, i18n.language)),
  });

  return (
    <QueryState query={review}>
      {(r) => {
        const decidedOrChecking = r.status === 'decided' || checking;
        return (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Link to="/reviews">← {t('reviews.back')}</Link>
            <Card
              title={
                <Space wrap>
                  <span>{t('reviews.title')}</span>
                  <Typography.Text code>{r.documentNo}</Typography.Text>
                  {r.opinionNo ? (
                    <Typography.Text strong data-testid="opinion-no">
                      {t('reviews.opinionNo')} {r.opinionNo}
                    </Typography.Text>
                  ) : null}
                  <StatusTag status={r.status} />
                  {r.decision ? <DecisionTag decision={r.decision} /> : null}
                </Space>
              }
              extra={
                <Space wrap>
                  {can('reviews:apply') && r.status !== 'decided' ? (
                    <Button
                      icon={<ReloadOutlined />}
                      data-testid="review-run-check"
                      loading={start.isPending || checking}
                      disabled={checking}
                      onClick={() => start.mutate()}
                    >
                      {checking ? t('reviews.checkRunning') : t('reviews.runCheck')}
                    </Button>
                  ) : null}
                  {can('reviews:decide') && r.status === 'checked' && opinion.data ? (
                    <Button
                      type="primary"
                      data-testid="review-decide"
                      disabled={decidedOrChecking}
                      onClick={() => setDeciding(true)}
                    >
                      {t('reviews.decide')}
                    </Button>
                  ) : null}
                  {hasCheck ? (
                    <>
                      <Button
                        icon={<DownloadOutlined />}
                        data-testid="download-pdf"
                        loading={download.isPending && download.variables?.format === 'pdf'}
                        onClick={() =>
                          download.mutate({ format: 'pdf', name: `${r.opinionNo ?? r.documentNo}.pdf` })
                        }
                      >
                        {t('reviews.downloadPdf')}
                      </Button>
                      <Button
                        icon={<DownloadOutlined />}
                        data-testid="download-xlsx"
                        loading={download.isPending && download.variables?.format === 'xlsx'}
                        onClick={() =>
                          download.mutate({ format: 'xlsx', name: `${r.opinionNo ?? r.documentNo}.xlsx` })
                        }
                      >
                        {t('reviews.downloadXlsx')}
                      </Button>
                    </>
                  ) : null}
                </Space>
              }
            >
              <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('reviews.project')}>
                  <Link to={`/projects/${encodeURIComponent(r.projectCode)}`}>{r.projectName}</Link>{' '}
                  <Typography.Text type="secondary">{r.projectCode}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('reviews.unit')}>
                  {r.unitName} <Typography.Text type="secondary">{r.unitCode}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('reviews.appliedBy')}>{r.appliedBy}</Descriptions.Item>
                <Descriptions.Item label={t('reviews.appliedAt')}>
                  <Time value={r.appliedAt} />
                </Descriptions.Item>
                {r.note ? (
                  <Descriptions.Item label={t('reviews.note')} span={2}>
                    {r.note}
                  </Descriptions.Item>
                ) : null}
                <Descriptions.Item label={t('reviews.checkRun')}>
                  {r.checkRunId ? <Typography.Text code>{r.checkRunId}</Typography.Text> : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('reviews.previousCheckRun')}>
                  {r.previousCheckRunId ? (
                    <Typography.Text code>{r.previousCheckRunId}</Typography.Text>
                  ) : (
                    '—'
                  )}
                </Descriptions.Item>
                {r.status === 'decided' ? (
                  <>
                    <Descriptions.Item label={t('reviews.decidedBy')}>
                      {r.reviewerName ?? r.decidedBy}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('reviews.decidedAt')}>
                      <Time value={r.decidedAt} />
                    </Descriptions.Item>
                    <Descriptions.Item label={t('reviews.comments')} span={2}>
                      <span style={{ whiteSpace: 'pre-wrap' }}>{r.comments || '—'}</span>
                    </Descriptions.Item>
                    {r.overrideReason ? (
                      <Descriptions.Item label={t('reviews.override')} span={2}>
                        {r.overrideReason}
                      </Descriptions.Item>
                    ) : null}
                  </>
                ) : null}
              </Descriptions>
            </Card>

            {start.error ? <ErrorAlert error={start.error} /> : null}
            {following ? <CheckProgress runId={following} onFinished={onFinished} /> : null}

            {!hasCheck ? (
              <Alert type="info" showIcon title={t('reviews.noCheck')} />
            ) : (
              <QueryState query={opinion}>
                {(doc) => (
                  <>
                    <OpinionPanel
                      reviewId={r.id}
                      opinion={doc}
                      editable={can('reviews:decide') && r.status !== 'decided'}
                    />
                    <ComparisonCard opinion={doc} />
                    {deciding ? (
                      <DecisionForm
                        review={r}
                        opinion={doc}
                        open={deciding}
                        onClose={() => setDeciding(false)}
                      />
                    ) : null}
                  </>
                )}
              </QueryState>
            )}

            {r.status === 'decided' || r.items.length > 0 || r.itemHistory.length > 0 ? (
              <RectificationItems review={r} />
            ) : null}
          </Space>
        );
      }}
    </QueryState>
  );
}
