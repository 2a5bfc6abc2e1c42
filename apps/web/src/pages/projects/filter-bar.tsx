import { SearchOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDivisionName, usePacks } from '../../api/packs';
import { useAuth } from '../../auth/auth';
import { VERDICTS } from '../../components/common';
import { type ProjectFilters, READINESS, UNIT_CODE } from './project-filters';
import { REVIEW_DOMAINS, type RuleView, pick } from './project.types';

interface Props {
  filters: ProjectFilters;
  rules: RuleView[];
  onChange: <K extends keyof ProjectFilters>(key: K, value: ProjectFilters[K] | undefined) => void;
  onReset: () => void;
}

/**
 * A filter typed by hand, applied on Enter or when the field is left, if the hub would take it. Its
 * text starts from the URL's value; the parent remounts it (by key) when the URL changes elsewhere.
 */
function TextFilter({
  value,
  pattern,
  upperCase = false,
  placeholder,
  invalidText,
  width,
  testId,
  prefix,
  onCommit,
}: {
  value: string | undefined;
  pattern?: RegExp;
  upperCase?: boolean;
  placeholder: string;
  invalidText?: string;
  width: number;
  testId: string;
  prefix?: ReactNode;
  onCommit: (value: string | undefined) => void;
}) {
  const [text, setText] = useState(value ?? '');
  const normalised = upperCase ? text.trim().toUpperCase() : text.trim();
  const invalid = pattern !== undefined && normalised !== '' && !pattern.test(normalised);
  const commit = () => {
    if (invalid) return;
    if ((normalised || undefined) !== value) onCommit(normalised || undefined);
  };
  return (
    <Input
      style={{ width }}
      value={text}
      prefix={prefix}
      placeholder={placeholder}
      status={invalid ? 'error' : undefined}
      title={invalid ? invalidText : placeholder}
      allowClear
      data-testid={testId}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value === '' && value) onCommit(undefined);
      }}
      onPressEnter={commit}
      onBlur={commit}
    />
  );
}

/** The filters of the project list and matrix; every change goes to the URL. */
export function FilterBar({ filters, rules, onChange, onReset }: Props) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const packs = usePacks();
  const divisionName = useDivisionName();
  const lang = i18n.language;
  const packList = packs.data ?? [];
  const rulesByPack = packList
    .filter((pack) => !filters.pack || pack.id === filters.pack)
    .map((pack) => ({
      label: pick(pack.name, lang),
      options: rules
        .filter((r) => r.pack === pack.id && (!filters.domain || r.domain.id === filters.domain))
        .map((r) => ({ value: r.id, label: `${r.id} ${pick(r.title, lang)}` })),
    }))
    .filter((g) => g.options.length > 0);

  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <TextFilter
        key={`q:${filters.q ?? ''}`}
        value={filters.q}
        placeholder={t('projects.searchPlaceholder')}
        width={280}
        prefix={<SearchOutlined />}
        testId="projects-search"
        onCommit={(v) => onChange('q', v)}
      />
      {/* An applicant sees its own unit only: choosing another would show nothing. */}
      {me?.role !== 'applicant' && (
        <TextFilter
          key={`unit:${filters.unit ?? ''}`}
          value={filters.unit}
          upperCase
          pattern={UNIT_CODE}
          placeholder={t('projects.filter.unit')}
          invalidText={t('projects.filter.unitInvalid')}
          width={220}
          testId="projects-filter-unit"
          onCommit={(v) => onChange('unit', v)}
        />
      )}
      <Select
        style={{ width: 180 }}
        placeholder={t('projects.filter.region')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        value={filters.region}
        data-testid="projects-filter-region"
        options={packList.map((pack) => ({
          label: pick(pack.name, lang),
          options: pack.divisions.map((d) => ({ value: d.code, label: divisionName(d.code) })),
        }))}
        onChange={(v) => onChange('region', v)}
      />
      <Select
        style={{ width: 120 }}
        placeholder={t('projects.filter.pack')}
        allowClear
        value={filters.pack}
        data-testid="projects-filter-pack"
        options={packList.map((p) => ({ value: p.id, label: pick(p.name, lang) }))}
        onChange={(v) => onChange('pack', v)}
      />
      <Select
        style={{ width: 160 }}
        placeholder={t('projects.filter.readiness')}
        allowClear
        value={filters.readiness}
        data-testid="projects-filter-readiness"
        options={READINESS.map((r) => ({ value: r, label: t(`projects.readiness.${r}`) }))}
        onChange={(v) => onChange('readiness', v)}
      />
      <Select
        style={{ width: 150 }}
        placeholder={t('projects.filter.domain')}
        allowClear
        value={filters.domain}
        data-testid="projects-filter-domain"
        options={REVIEW_DOMAINS.map((d) => ({ value: d, label: t(`common.domain.${d}`) }))}
        onChange={(v) => onChange('domain', v)}
      />
      <Select
        style={{ width: 280 }}
        placeholder={t('projects.filter.rule')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        value={filters.rule}
        data-testid="projects-filter-rule"
        options={rulesByPack}
        onChange={(v) => onChange('rule', v)}
      />
      <Select
        style={{ width: 130 }}
        placeholder={t('projects.filter.verdict')}
        allowClear
        value={filters.verdict}
        data-testid="projects-filter-verdict"
        options={VERDICTS.map((v) => ({ value: v, label: t(`vocabulary.verdict.${v}`) }))}
        onChange={(v) => onChange('verdict', v)}
      />
      <Button onClick={onReset}>{t('common.reset')}</Button>
    </Space>
  );
}
