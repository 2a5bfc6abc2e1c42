import { Table } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { QueryState } from '../../components/common';
import { actionsColumn, expandedMessage, ownerColumn, projectColumn, statusColumn } from './alert-columns';
import { PAGE_SIZE, useAlertPage } from './alerts.queries';
import type { AlertView, MonitorRuleId } from './monitoring.types';

/**
 * The unresolved alerts of some MON-* rules as a table of the facts they recorded (columns given by
 * the tab), then owner, status and the operator's actions. The page lives in the link.
 */
export function RuleAlertsTable({
  ruleId,
  columns,
  testId,
}: {
  ruleId: MonitorRuleId | MonitorRuleId[];
  columns: ColumnType<AlertView>[];
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = useAlertPage({ status: 'unresolved', ruleId, page });
  return (
    <QueryState query={query}>
      {(data) => (
        <Table<AlertView>
          rowKey="id"
          size="middle"
          data-testid={testId}
          columns={[...columns, projectColumn(t), ownerColumn(t), statusColumn(t), actionsColumn(t)]}
          dataSource={data.items}
          loading={query.isFetching}
          expandable={expandedMessage(i18n.language)}
          locale={{ emptyText: t('monitoring.empty') }}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data.total,
            showSizeChanger: false,
            showTotal: (total) => t('monitoring.total', { count: total }),
            onChange: (p) =>
              setParams(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  if (p > 1) next.set('page', String(p));
                  else next.delete('page');
                  return next;
                },
                { replace: true },
              ),
          }}
        />
      )}
    </QueryState>
  );
}
