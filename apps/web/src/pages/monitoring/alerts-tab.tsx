import { Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  openedColumn,
  ownerColumn,
  severityColumn,
  statusColumn,
  subjectColumn,
  text,
} from './alert-columns';
import { AlertPageTable } from './alert-page-table';
import { useAlertPage } from './alerts.queries';
import {
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  type AlertView,
  MONITOR_RULE_IDS,
  type MonitorRuleId,
} from './monitoring.types';

/** `status` in the link: one status, `unresolved` (the default) or `all`. */
const STATUS_FILTERS = ['unresolved', ...ALERT_STATUSES, 'all'] as const;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

/** Every alert, filtered by status, severity and rule; the filters live in the link. */
export function AlertsTab() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = oneOf(params.get('status'), STATUS_FILTERS) ?? 'unresolved';
  const severity = oneOf(params.get('severity'), ALERT_SEVERITIES);
  const rule = oneOf(params.get('rule'), MONITOR_RULE_IDS);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = useAlertPage({
    status: status === 'all' ? undefined : status,
    severity,
    ruleId: rule,
    page,
  });
  const set = (key: string, value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key !== 'page') next.delete('page');
        return next;
      },
      { replace: true },
    );
  const columns = [
    {
      title: t('monitoring.col.rule'),
      key: 'rule',
      width: 240,
      render: (_: unknown, a: AlertView) => (
        <Flex vertical>
          <span>{t(`monitoring.rule.${a.ruleId}`, { defaultValue: a.ruleId })}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {text(a, i18n.language, 'title')}
          </Typography.Text>
        </Flex>
      ),
    },
    severityColumn(t),
    subjectColumn(t),
    ownerColumn(t),
    openedColumn(t),
    statusColumn(t),
  ];
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap>
        <Select
          aria-label={t('monitoring.filter.status')}
          data-testid="alerts-filter-status"
          style={{ width: 240 }}
          value={status}
          onChange={(v) => set('status', v === 'unresolved' ? undefined : v)}
          options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`monitoring.status.${s}`) }))}
        />
        <Select
          aria-label={t('monitoring.filter.severity')}
          data-testid="alerts-filter-severity"
          style={{ width: 160 }}
          allowClear
          placeholder={t('monitoring.filter.allSeverities')}
          value={severity}
          onChange={(v) => set('severity', v)}
          options={ALERT_SEVERITIES.map((s) => ({ value: s, label: t(`vocabulary.alertSeverity.${s}`) }))}
        />
        <Select
          aria-label={t('monitoring.filter.rule')}
          data-testid="alerts-filter-rule"
          style={{ width: 260 }}
          allowClear
          placeholder={t('monitoring.filter.allRules')}
          value={rule}
          onChange={(v: MonitorRuleId | undefined) => set('rule', v)}
          options={MONITOR_RULE_IDS.map((r) => ({ value: r, label: t(`monitoring.rule.${r}`) }))}
        />
      </Flex>
      <AlertPageTable
        query={query}
        page={page}
        testId="alerts-table"
        columns={columns}
        onPage={(p) => set('page', p > 1 ? String(p) : undefined)}
      />
    </Flex>
  );
}
