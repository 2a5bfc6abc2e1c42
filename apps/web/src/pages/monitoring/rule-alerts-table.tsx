import type { ColumnType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ownerColumn, projectColumn, statusColumn } from './alert-columns';
import { AlertPageTable } from './alert-page-table';
import { useAlertPage } from './alerts.queries';
import type { AlertView, MonitorRuleId } from './monitoring.types';

/**
 * The unresolved alerts of some MON-* rules as a table of the facts they recorded (columns given by
 * the tab), then project, owner and status (and the operator's actions). The page lives in the link.
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
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = useAlertPage({ status: 'unresolved', ruleId, page });
  return (
    <AlertPageTable
      query={query}
      page={page}
      testId={testId}
      columns={[...columns, projectColumn(t), ownerColumn(t), statusColumn(t)]}
      onPage={(p) =>
        setParams(
          (prev) => {
            const next = new URLSearchParams(prev);
            if (p > 1) next.set('page', String(p));
            else next.delete('page');
            return next;
          },
          { replace: true },
        )
      }
    />
  );
}
