import { Badge, Flex, Spin, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../auth/auth';
import { Forbidden } from '../../components/common';
import { AlertsTab } from './alerts-tab';
import { useAlertSummary } from './alerts.queries';
import { EvaluationsTab } from './evaluations-tab';
import { InterfacesTab } from './interfaces-tab';
import type { AlertSummary, MonitorRuleId } from './monitoring.types';
import { ResourcesTab } from './resources-tab';

const TABS = ['alerts', 'resources', 'evaluations', 'interfaces'] as const;
type Tab = (typeof TABS)[number];

const unresolvedOf = (summary: AlertSummary, ...rules: MonitorRuleId[]) =>
  rules.reduce((n, r) => n + summary.byRule[r].open + summary.byRule[r].acknowledged, 0);

/**
 * The big-data centre's monitoring (alerts:read): the MON-* alerts, and three views of the facts some
 * of them record — orphaned and idle cloud resources, MLPS evaluations due, stale shared data.
 * Acknowledging and resolving need alerts:manage.
 */
export default function MonitoringPage() {
  const { t } = useTranslation();
  const { can, loading } = useAuth();
  const [params, setParams] = useSearchParams();
  const allowed = can('alerts:read');
  if (loading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!allowed) return <Forbidden />;
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'alerts';
  // Filters belong to one tab: switching starts the next tab unfiltered.
  const select = (key: string) => setParams(key === 'alerts' ? {} : { tab: key });
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('monitoring.title')}
      </Typography.Title>
      <MonitoringTabs tab={tab} onChange={select} />
    </Flex>
  );
}

function MonitoringTabs({ tab, onChange }: { tab: Tab; onChange: (tab: string) => void }) {
  const { t } = useTranslation();
  const summary = useAlertSummary();
  const label = (key: Tab, count: number | undefined) => (
    <span data-testid={`monitoring-tab-${key}`}>
      {t(`monitoring.tabs.${key}`)}
      {count !== undefined && (
        <Badge count={count} overflowCount={9999} showZero={false} style={{ marginInlineStart: 8 }} />
      )}
    </span>
  );
  const s = summary.data;
  return (
    <Tabs
      activeKey={tab}
      onChange={onChange}
      destroyOnHidden
      items={[
        { key: 'alerts', label: label('alerts', s?.unresolved), children: <AlertsTab /> },
        {
          key: 'resources',
          label: label('resources', s && unresolvedOf(s, 'MON-ORPHAN', 'MON-IDLE')),
          children: <ResourcesTab />,
        },
        {
          key: 'evaluations',
          label: label('evaluations', s && unresolvedOf(s, 'MON-EVAL-DUE')),
          children: <EvaluationsTab />,
        },
        {
          key: 'interfaces',
          label: label('interfaces', s && unresolvedOf(s, 'MON-SHARE-STALE')),
          children: <InterfacesTab />,
        },
      ]}
    />
  );
}
