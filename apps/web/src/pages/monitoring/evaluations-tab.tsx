import { Flex, Tag, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Time } from '../../components/common';
import { detail } from './alert-columns';
import type { AlertView } from './monitoring.types';
import { RuleAlertsTable } from './rule-alerts-table';

/**
 * Level-3+ MLPS filings whose next evaluation is due soon or overdue (MON-EVAL-DUE): the alert records
 * the filing, its latest evaluation and the due date the rule computed with the pack's interval.
 */
export function EvaluationsTab() {
  const { t } = useTranslation();
  const columns: ColumnType<AlertView>[] = [
    {
      title: t('monitoring.col.filing'),
      key: 'filing',
      render: (_, a) => (
        <Flex vertical>
          <Typography.Text code>{detail<string>(a, 'filingNo') ?? a.subject}</Typography.Text>
          <span>{detail<string>(a, 'systemName')}</span>
        </Flex>
      ),
    },
    {
      title: t('monitoring.col.level'),
      key: 'level',
      width: 80,
      render: (_, a) => t('monitoring.evaluations.levelValue', { level: detail<number>(a, 'level') ?? '?' }),
    },
    {
      title: t('monitoring.col.lastEvaluated'),
      key: 'lastEvaluated',
      width: 140,
      render: (_, a) => {
        const at = detail<string>(a, 'lastEvaluatedAt');
        return at ? (
          <Flex vertical>
            <Time value={at} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {detail<string>(a, 'lastReportNo')}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('monitoring.evaluations.never')}</Typography.Text>
        );
      },
    },
    {
      title: t('monitoring.col.due'),
      key: 'due',
      width: 150,
      sorter: (a, b) =>
        (detail<number>(a, 'daysLeft') ?? Number.NEGATIVE_INFINITY) -
        (detail<number>(b, 'daysLeft') ?? Number.NEGATIVE_INFINITY),
      render: (_, a) => {
        const dueAt = detail<string>(a, 'dueAt');
        const daysLeft = detail<number>(a, 'daysLeft');
        if (!dueAt || daysLeft === null) return <Tag color="error">{t('monitoring.evaluations.noDate')}</Tag>;
        return (
          <Flex vertical>
            <Time value={dueAt} />
            {detail<boolean>(a, 'overdue') ? (
              <Tag color="error" style={{ width: 'fit-content' }}>
                {t('monitoring.evaluations.overdue', { days: -daysLeft })}
              </Tag>
            ) : (
              <Tag color="warning" style={{ width: 'fit-content' }}>
                {t('monitoring.evaluations.dueIn', { days: daysLeft })}
              </Tag>
            )}
          </Flex>
        );
      },
    },
  ];
  return <RuleAlertsTable ruleId="MON-EVAL-DUE" columns={columns} testId="evaluations-table" />;
}
