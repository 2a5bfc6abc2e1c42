import type { Verdict } from '@hub/vocabulary';
import { Alert, Button, Result, Spin, Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { useDivisionName } from '../api/packs';
import { formatTime } from '../time';

/** The vocabulary's verdicts in the order screens list them: what needs attention first. */
export const VERDICTS = [
  'FAIL',
  'UNKNOWN',
  'PASS',
  'WAIVED',
  'NOT_APPLICABLE',
] as const satisfies readonly Verdict[];
export type { Verdict };

/** One colour per verdict everywhere: tags, matrix cells, charts. */
export const VERDICT_COLORS: Record<Verdict, string> = {
  PASS: '#389e0d',
  FAIL: '#cf1322',
  UNKNOWN: '#d48806',
  WAIVED: '#1677ff',
  NOT_APPLICABLE: '#8c8c8c',
};
const TAG_COLORS: Record<Verdict, string> = {
  PASS: 'success',
  FAIL: 'error',
  UNKNOWN: 'warning',
  WAIVED: 'processing',
  NOT_APPLICABLE: 'default',
};

export function VerdictTag({ verdict }: { verdict: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={TAG_COLORS[verdict as Verdict] ?? 'default'} data-verdict={verdict}>
      {t(`vocabulary.verdict.${verdict}`, { defaultValue: verdict })}
    </Tag>
  );
}

/** A hub error in the reader's language, the other language underneath for the record. */
export function errorMessage(error: unknown, language: string): string {
  if (error instanceof ApiError) return language.startsWith('en') ? error.text.en : error.text.zh;
  return error instanceof Error ? error.message : String(error);
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  if (error instanceof ApiError && error.status === 403) return <Forbidden />;
  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title={t('common.notFound')} subTitle={errorMessage(error, i18n.language)} />;
  }
  return (
    <Alert
      type="error"
      showIcon
      title={errorMessage(error, i18n.language)}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}

/** A wrong address: the router knows no such screen (a refusal is Forbidden, a missing object the API's 404). */
export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('common.notFound')}
      subTitle={t('common.notFoundHint')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
      data-testid="not-found"
    />
  );
}

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('common.forbidden')}
      subTitle={t('common.forbiddenHint')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** Loading, error and data states of one query, the same way on every screen. */
export function QueryState<T>({
  query,
  children,
}: {
  query: { isPending: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending || query.data === undefined) return <Spin style={{ display: 'block', margin: 48 }} />;
  return <>{children(query.data)}</>;
}

export function Time({ value }: { value: string | null | undefined }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={`${t('common.beijingTime')} (UTC+8)`}>
      <span>{formatTime(value)}</span>
    </Tooltip>
  );
}

/** A division code by its name (岳阳市岳阳楼区, 岳阳市（市本级）), the code in the tooltip. */
export function DivisionName({ code }: { code: string | null | undefined }) {
  const name = useDivisionName()(code);
  return (
    <Tooltip title={code && name !== code ? code : undefined}>
      <span data-division={code ?? undefined}>{name}</span>
    </Tooltip>
  );
}

/**
 * A table's least width: its columns' widths, `flexMin` for each column without one, and the expand
 * button's column. Given as `scroll.x` with `tableLayout="fixed"`, the table scrolls sideways below it
 * instead of squeezing a column to a character, and the width-less columns share what is left above it.
 */
export function leastTableWidth(
  columns: readonly { width?: number | string }[],
  options: { flexMin: number; expandable?: boolean },
): number {
  return columns.reduce(
    (sum, c) => sum + (typeof c.width === 'number' ? c.width : options.flexMin),
    options.expandable ? 48 : 0,
  );
}
