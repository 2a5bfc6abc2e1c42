import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Progress, Steps, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/common';
import { pick } from '@hub/vocabulary';
import type { CheckRunView, CheckStep } from './review.types';

/** How often a running check is asked for its progress. */
export const CHECK_POLL_MS = 1_000;

const STEP_STATUS: Record<CheckStep['status'], 'wait' | 'process' | 'finish' | 'error'> = {
  pending: 'wait',
  running: 'process',
  succeeded: 'finish',
  partial: 'error',
  failed: 'error',
};

/**
 * Follows one check run (GET /api/checks/:id) until it ends, one step per upstream source then the
 * rule evaluation, and says once when it has ended so the review and its opinion are read again.
 */
export function CheckProgress({
  runId,
  onFinished,
}: {
  runId: string;
  onFinished: (run: CheckRunView) => void;
}) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['checks', runId],
    queryFn: () => api.get<CheckRunView>(`/api/checks/${runId}`),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : CHECK_POLL_MS),
  });
  const run = query.data;
  const told = useRef<string | null>(null);
  useEffect(() => {
    if (run && run.status !== 'running' && told.current !== run.id) {
      told.current = run.id;
      onFinished(run);
    }
  }, [run, onFinished]);

  if (query.error) return <ErrorAlert error={query.error} />;
  const steps = run?.steps ?? [];
  const ended = steps.filter((s) => s.status !== 'pending' && s.status !== 'running').length;
  const percent = steps.length ? Math.round((ended / steps.length) * 100) : 0;
  const label = (step: CheckStep) =>
    step.kind === 'evaluate'
      ? t('reviews.stepEvaluate')
      : step.title
        ? pick(step.title, i18n.language)
        : (step.source ?? '');
  const state = run?.status ?? 'running';
  return (
    <Card size="small" title={t('reviews.checkProgress')} data-testid="check-progress" data-status={state}>
      <Progress
        percent={state === 'completed' ? 100 : percent}
        status={state === 'failed' ? 'exception' : state === 'completed' ? 'success' : 'active'}
      />
      <Steps
        size="small"
        orientation="vertical"
        items={steps.map((step) => ({
          title: label(step),
          status: STEP_STATUS[step.status],
          content: (
            <span data-testid={`check-step-${step.source ?? step.kind}`} data-status={step.status}>
              {t(`reviews.stepStatus.${step.status}`)}
              {step.ms !== null ? ` · ${step.ms} ms` : ''}
              {step.error ? (
                <Typography.Text type="danger" style={{ display: 'block' }}>
                  {step.error}
                </Typography.Text>
              ) : null}
            </span>
          ),
        }))}
      />
      {state === 'failed' ? (
        <Alert type="error" showIcon title={t('reviews.checkFailed')} description={run?.error ?? undefined} />
      ) : null}
      {state === 'completed' ? <Alert type="success" showIcon title={t('reviews.checkDone')} /> : null}
    </Card>
  );
}
