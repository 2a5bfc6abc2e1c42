import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReviewDecision, ReviewStatus } from './review.types';

const STATUS_COLORS: Record<ReviewStatus, string> = {
  applied: 'default',
  checked: 'processing',
  decided: 'blue',
};
const DECISION_COLORS: Record<ReviewDecision, string> = {
  approve: 'success',
  reject: 'error',
  rectify: 'warning',
};

export function StatusTag({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-status={status}>
      {t(`reviews.statuses.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function DecisionTag({ decision }: { decision: ReviewDecision }) {
  const { t } = useTranslation();
  return (
    <Tag color={DECISION_COLORS[decision] ?? 'default'} data-decision={decision}>
      {t(`reviews.decisions.${decision}`, { defaultValue: decision })}
    </Tag>
  );
}
