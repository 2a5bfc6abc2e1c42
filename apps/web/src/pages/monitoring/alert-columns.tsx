import { Space, Tag, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { Time } from '../../components/common';
import { formatTime } from '../../time';
import { AlertActions } from './alert-actions';
import { type AlertView, SEVERITY_COLORS, STATUS_COLORS } from './monitoring.types';

type Column = ColumnType<AlertView>;

/** A detail of an alert as the MON-* rule recorded it. */
export function detail<T = unknown>(alert: AlertView, key: string): T | null {
  return (alert.details[key] as T | undefined) ?? null;
}

export const text = (alert: AlertView, language: string, which: 'title' | 'message') =>
  language.startsWith('en') ? alert[which].en : alert[which].zh;

export function severityColumn(t: TFunction): Column {
  return {
    title: t('monitoring.col.severity'),
    dataIndex: 'severity',
    width: 80,
    render: (_, a) => (
      <Tag color={SEVERITY_COLORS[a.severity]}>{t(`vocabulary.alertSeverity.${a.severity}`)}</Tag>
    ),
  };
}

/** The project it concerns (a link), else what it is about; the owner unit underneath. */
export function subjectColumn(t: TFunction): Column {
  return {
    title: t('monitoring.col.subject'),
    key: 'subject',
    render: (_, a) => (
      <Space orientation="vertical" size={0}>
        {a.projectCode ? (
          <Link to={`/projects/${a.projectCode}`}>{a.projectCode}</Link>
        ) : (
          <Typography.Text type="secondary">{t('monitoring.noProject')}</Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {a.subject}
        </Typography.Text>
      </Space>
    ),
  };
}

/** The project the alert's subject is bound to, if any. */
export function projectColumn(t: TFunction): Column {
  return {
    title: t('monitoring.col.project'),
    dataIndex: 'projectCode',
    width: 140,
    render: (_, a) =>
      a.projectCode ? (
        <Link to={`/projects/${a.projectCode}`}>{a.projectCode}</Link>
      ) : (
        t('monitoring.noProject')
      ),
  };
}

export function ownerColumn(t: TFunction): Column {
  return {
    title: t('monitoring.col.owner'),
    key: 'owner',
    width: 160,
    render: (_, a) =>
      a.ownerUnitName || a.ownerUnitCode ? (
        <Space orientation="vertical" size={0}>
          <span>{a.ownerUnitName ?? '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.ownerUnitCode}
          </Typography.Text>
        </Space>
      ) : (
        '—'
      ),
  };
}

export function openedColumn(t: TFunction): Column {
  return {
    title: t('monitoring.col.opened'),
    dataIndex: 'firstSeenAt',
    width: 140,
    render: (_, a) => <Time value={a.firstSeenAt} />,
  };
}

/** The status, and who moved it there when. */
export function statusColumn(t: TFunction): Column {
  return {
    title: t('monitoring.col.status'),
    dataIndex: 'status',
    width: 130,
    render: (_, a) => {
      const who =
        a.status === 'acknowledged'
          ? { who: a.acknowledgedBy, time: a.acknowledgedAt }
          : a.status === 'resolved'
            ? { who: a.resolvedBy, time: a.resolvedAt }
            : null;
      return (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_COLORS[a.status]} data-status={a.status}>
            {t(`monitoring.status.${a.status}`)}
          </Tag>
          {who?.who && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('monitoring.handledBy', { who: who.who, time: formatTime(who.time) })}
            </Typography.Text>
          )}
          {a.timesReopened > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('monitoring.reopened', { count: a.timesReopened })}
            </Typography.Text>
          )}
        </Space>
      );
    },
  };
}

/** The operator's buttons; `AlertPageTable` adds the column only for a role that may use them. */
export function actionsColumn(t: TFunction): Column {
  return {
    title: t('monitoring.col.actions'),
    key: 'actions',
    width: 130,
    // Where a table is wider than the screen (it scrolls sideways), the buttons stay in view.
    fixed: 'right',
    render: (_, a) => <AlertActions alert={a} />,
  };
}

/** The rule's full message in the reader's language, shown when a row is expanded. */
export function expandedMessage(language: string) {
  return {
    expandedRowRender: (a: AlertView) => (
      <Space orientation="vertical" size={4}>
        <Typography.Text>{text(a, language, 'message')}</Typography.Text>
        <Typography.Text type="secondary">
          {a.ruleId} · {a.clause}
        </Typography.Text>
      </Space>
    ),
  };
}
