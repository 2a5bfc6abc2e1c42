import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { VerdictTag } from '../../components/common';
import { pick } from '@hub/vocabulary';
import type { ComparisonEntry, OpinionDocument } from './review.types';

function Entry({ entry }: { entry: ComparisonEntry }) {
  const { i18n } = useTranslation();
  return (
    <span data-testid={`comparison-${entry.ruleId}`}>
      <code>{entry.ruleId}</code> {pick(entry.title, i18n.language)}：
      {entry.from ? <VerdictTag verdict={entry.from} /> : '—'} →{' '}
      {entry.to ? <VerdictTag verdict={entry.to} /> : '—'}
    </span>
  );
}

/** What changed since the previous check of the project: rules added, removed, and verdicts changed. */
export function ComparisonCard({ opinion }: { opinion: OpinionDocument }) {
  const { t } = useTranslation();
  const c = opinion.comparison;
  const groups = c
    ? ([
        ['added', c.added],
        ['removed', c.removed],
        ['changed', c.changed],
      ] as const)
    : [];
  const empty = groups.every(([, entries]) => entries.length === 0);
  return (
    <Card title={t('reviews.comparison')} data-testid="comparison">
      {!c ? (
        <Typography.Text type="secondary">{t('reviews.noComparison')}</Typography.Text>
      ) : (
        <>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('reviews.previousCheckRun')}>
              <code>{c.previousCheckRunId}</code>
            </Descriptions.Item>
          </Descriptions>
          {empty ? (
            <Typography.Text type="secondary">{t('reviews.comparisonNone')}</Typography.Text>
          ) : (
            groups
              .filter(([, entries]) => entries.length > 0)
              .map(([kind, entries]) => (
                <div key={kind} style={{ marginTop: 8 }}>
                  <Typography.Text strong>
                    {t(`reviews.${kind}`)}（{entries.length}）
                  </Typography.Text>
                  <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
                    {entries.map((entry) => (
                      <li key={entry.ruleId}>
                        <Entry entry={entry} />
                      </li>
                    ))}
                  </ul>
                </div>
              ))
          )}
        </>
      )}
    </Card>
  );
}
