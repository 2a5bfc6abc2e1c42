import { Table } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { leastTableWidth, QueryState } from '../../components/common';
import { useAuth } from '../../auth/auth';
import { actionsColumn, expandedMessage } from './alert-columns';
import { PAGE_SIZE, type useAlertPage } from './alerts.queries';
import type { AlertView } from './monitoring.types';

/**
 * One page of alerts from GET /api/alerts: each row expands to the alert's message, the pager shows
 * the hub's total, and `onPage` keeps the page wherever the screen keeps it (the link). The actions
 * column is there for a role that may acknowledge and resolve; columns keep their widths (the ones
 * without share what is left), and the fixed actions column covers nothing while the table fits.
 */
export function AlertPageTable({
  query,
  page,
  onPage,
  columns,
  testId,
}: {
  query: ReturnType<typeof useAlertPage>;
  page: number;
  onPage: (page: number) => void;
  columns: ColumnType<AlertView>[];
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const shown = can('alerts:manage') ? [...columns, actionsColumn(t)] : columns;
  return (
    <QueryState query={query}>
      {(data) => (
        <Table<AlertView>
          rowKey="id"
          size="middle"
          data-testid={testId}
          columns={shown}
          dataSource={data.items}
          loading={query.isFetching}
          expandable={expandedMessage(i18n.language)}
          locale={{ emptyText: t('monitoring.empty') }}
          tableLayout="fixed"
          scroll={{ x: leastTableWidth(shown, { flexMin: 160, expandable: true }) }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data.total,
            showSizeChanger: false,
            showTotal: (total) => t('monitoring.total', { count: total }),
            onChange: onPage,
          }}
        />
      )}
    </QueryState>
  );
}
