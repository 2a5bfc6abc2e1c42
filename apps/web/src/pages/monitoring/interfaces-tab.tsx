import { Flex, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Time } from '../../components/common';
import { detail } from './alert-columns';
import type { AlertView } from './monitoring.types';
import { RuleAlertsTable } from './rule-alerts-table';

/**
 * Shared catalogue entries on the data-exchange platform whose data is not updated within its cycle
 * (MON-SHARE-STALE): the alert records the entry, its cycle and its last update.
 */
export function InterfacesTab() {
  const { t } = useTranslation();
  const columns: ColumnType<AlertView>[] = [
    {
      title: t('monitoring.col.entry'),
      key: 'entry',
      render: (_, a) => (
        <Flex vertical>
          <Typography.Text code>{detail<string>(a, 'resourceCode') ?? a.subject}</Typography.Text>
          <span>{detail<string>(a, 'resourceName')}</span>
        </Flex>
      ),
    },
    {
      title: t('monitoring.col.exchangeSystem'),
      key: 'system',
      width: 140,
      render: (_, a) => detail<string>(a, 'systemId') ?? '—',
    },
    {
      title: t('monitoring.col.cycle'),
      key: 'cycle',
      width: 140,
      render: (_, a) =>
        t('monitoring.interfaces.cycleValue', {
          cycle: detail<string>(a, 'updateCycle') ?? '—',
          days: detail<number>(a, 'cycleDays') ?? '—',
        }),
    },
    {
      title: t('monitoring.col.lastUpdate'),
      key: 'lastUpdate',
      width: 150,
      render: (_, a) => {
        const at = detail<string>(a, 'lastDataUpdateAt');
        if (!at) return <Typography.Text type="danger">{t('monitoring.interfaces.never')}</Typography.Text>;
        return (
          <Flex vertical>
            <Time value={at} />
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('monitoring.interfaces.daysAgo', { days: detail<number>(a, 'daysSinceUpdate') ?? '—' })}
            </Typography.Text>
          </Flex>
        );
      },
    },
  ];
  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{t('monitoring.interfaces.hint')}</Typography.Text>
      <RuleAlertsTable ruleId="MON-SHARE-STALE" columns={columns} testId="interfaces-table" />
    </Flex>
  );
}
