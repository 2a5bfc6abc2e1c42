import { Card, Col, Flex, Row, Segmented, Statistic, Tag, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatTime } from '../../time';
import { detail } from './alert-columns';
import { useAlertSummary } from './alerts.queries';
import type { AlertView, HeldCapacity, MonitorRuleId } from './monitoring.types';
import { RuleAlertsTable } from './rule-alerts-table';

const KINDS = ['all', 'orphan', 'idle'] as const;
type Kind = (typeof KINDS)[number];
const RULES: Record<Kind, MonitorRuleId[]> = {
  all: ['MON-ORPHAN', 'MON-IDLE'],
  orphan: ['MON-ORPHAN'],
  idle: ['MON-IDLE'],
};

/**
 * Running cloud resources bound to no project (MON-ORPHAN) or idle (MON-IDLE), with the vCPU and
 * memory they hold. The alerts carry the resource's figures as the rule read them, so the table lists
 * the unresolved alerts of both rules; the totals come from the hub's summary.
 */
export function ResourcesTab() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kind = (KINDS as readonly string[]).includes(params.get('kind') ?? '')
    ? (params.get('kind') as Kind)
    : 'all';
  const summary = useAlertSummary();
  const held: HeldCapacity | undefined = summary.data?.resources[kind === 'all' ? 'total' : kind];
  const columns: ColumnType<AlertView>[] = [
    {
      title: t('monitoring.col.resource'),
      key: 'resource',
      width: 130,
      render: (_, a) => (
        <Flex vertical>
          <Typography.Text code>{detail<string>(a, 'resourceId') ?? a.subject}</Typography.Text>
          <Tag color={a.ruleId === 'MON-ORPHAN' ? 'orange' : 'blue'} style={{ width: 'fit-content' }}>
            {t(`monitoring.rule.${a.ruleId}`)}
          </Tag>
        </Flex>
      ),
    },
    {
      title: t('monitoring.col.system'),
      key: 'system',
      width: 120,
      render: (_, a) => detail<string>(a, 'systemName') ?? '—',
    },
    {
      title: t('monitoring.col.reason'),
      key: 'reason',
      render: (_, a) => {
        if (a.ruleId === 'MON-ORPHAN') {
          const suggested = detail<string[]>(a, 'suggestedProjects') ?? [];
          return (
            <Flex vertical>
              <span>
                {t('monitoring.resources.orphanReason', {
                  since: formatTime(detail<string>(a, 'unboundSince')),
                  days: detail<number>(a, 'daysUnbound') ?? '—',
                })}
              </span>
              {suggested.length > 0 && (
                <Typography.Text type="secondary">
                  {t('monitoring.resources.suggested', { projects: suggested.join('、') })}
                </Typography.Text>
              )}
            </Flex>
          );
        }
        return t('monitoring.resources.idleReason', {
          cpu: detail<number>(a, 'cpuAvg30d') ?? '—',
          mem: detail<number>(a, 'memAvg30d') ?? '—',
        });
      },
    },
    {
      title: t('monitoring.col.vcpu'),
      key: 'vcpu',
      width: 64,
      align: 'right',
      render: (_, a) => detail<number>(a, 'vcpu') ?? '—',
    },
    {
      title: t('monitoring.col.memory'),
      key: 'memory',
      width: 100,
      align: 'right',
      render: (_, a) => detail<number>(a, 'memoryGiB') ?? '—',
    },
  ];
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('monitoring.resources.totals')} data-testid="resources-totals">
        <Row gutter={16}>
          <Col span={8}>
            <Statistic title={t('monitoring.resources.count')} value={held?.resources ?? '—'} />
          </Col>
          <Col span={8}>
            <Statistic title={t('monitoring.resources.vcpu')} value={held?.vcpu ?? '—'} />
          </Col>
          <Col span={8}>
            <Statistic title={t('monitoring.resources.memory')} value={held?.memoryGiB ?? '—'} />
          </Col>
        </Row>
        {kind === 'all' && (
          <Typography.Text type="secondary">{t('monitoring.resources.totalHint')}</Typography.Text>
        )}
      </Card>
      <Segmented<Kind>
        value={kind}
        data-testid="resources-kind"
        onChange={(value) =>
          setParams(
            (prev) => {
              const next = new URLSearchParams(prev);
              if (value === 'all') next.delete('kind');
              else next.set('kind', value);
              next.delete('page');
              return next;
            },
            { replace: true },
          )
        }
        options={KINDS.map((k) => ({ value: k, label: t(`monitoring.resources.kind.${k}`) }))}
      />
      <RuleAlertsTable ruleId={RULES[kind]} columns={columns} testId="resources-table" />
    </Flex>
  );
}
