import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { usePacks } from '../../api/packs';
import { DivisionName, Forbidden, QueryState } from '../../components/common';
import { formatDate } from '../../time';
import { type PackSummary, type PackVersion, pick, type RuleView } from './admin.types';
import { PackDraftDrawer } from './pack-draft-drawer';
import { PackRulesTable } from './pack-rules-table';
import { formatSetting, sameValue, settingLabel } from './pack-settings';
import { PackVersionsTable } from './pack-versions-table';

const TABS = ['rules', 'settings', 'versions'] as const;
type Tab = (typeof TABS)[number];

function SettingsTable({ pack, rules }: { pack: PackSummary; rules: RuleView[] }) {
  const { t } = useTranslation();
  const wide = new Set(pack.packWideSettings ?? []);
  const rows = Object.entries(pack.latestVersion.settings).map(([key, value]) => ({
    key,
    value,
    fallback: pack.defaults[key],
    readBy: wide.has(key) ? null : rules.filter((r) => r.settings?.includes(key)).map((r) => r.id),
  }));
  return (
    <div data-testid="pack-settings">
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('admin.packs.setting'),
            render: (_, r) => (
              <span>
                {settingLabel(t, r.key)} <Typography.Text type="secondary">({r.key})</Typography.Text>
              </span>
            ),
          },
          {
            title: t('admin.packs.current'),
            render: (_, r) => (
              <span>
                <b>{formatSetting(r.value)}</b>{' '}
                {sameValue(r.value, r.fallback) ? null : <Tag color="blue">≠ {t('admin.packs.default')}</Tag>}
              </span>
            ),
          },
          { title: t('admin.packs.default'), render: (_, r) => formatSetting(r.fallback) },
          {
            title: t('admin.packs.readBy'),
            render: (_, r) =>
              r.readBy === null
                ? t('admin.packs.packWide')
                : r.readBy.length
                  ? r.readBy.map((id) => <Tag key={id}>{id}</Tag>)
                  : '—',
          },
        ]}
      />
    </div>
  );
}

function PackDetail({ pack, tab, onTab }: { pack: PackSummary; tab: Tab; onTab: (tab: Tab) => void }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const [drafting, setDrafting] = useState(false);
  const rules = useQuery({
    queryKey: ['packs', pack.id, 'rules'],
    queryFn: () => api.get<RuleView[]>(`/api/packs/${encodeURIComponent(pack.id)}/rules`),
  });
  const versions = useQuery({
    queryKey: ['packs', pack.id, 'versions'],
    queryFn: () => api.get<PackVersion[]>(`/api/packs/${encodeURIComponent(pack.id)}/versions`),
  });
  return (
    <Card
      title={pick(pack.title, i18n.language)}
      extra={
        can('packs:preview') && rules.data ? (
          <Button
            type="primary"
            icon={<EditOutlined />}
            data-testid="pack-new-draft"
            onClick={() => setDrafting(true)}
          >
            {t('admin.packs.newDraft')}
          </Button>
        ) : null
      }
    >
      <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('admin.packs.division')}>
          <DivisionName code={pack.divisionCode} />{' '}
          <Typography.Text type="secondary">{pack.divisionCode}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('admin.packs.tabRules')}>
          {t('admin.packs.ruleCount', { count: pack.rules })}
        </Descriptions.Item>
        <Descriptions.Item label={t('admin.packs.version')}>
          {t('admin.packs.latest', {
            version: pack.latestVersion.version,
            date: formatDate(pack.latestVersion.effectiveFrom),
          })}
        </Descriptions.Item>
      </Descriptions>
      <Tabs
        activeKey={tab}
        onChange={(k) => onTab(k as Tab)}
        items={[
          {
            key: 'rules',
            label: t('admin.packs.tabRules'),
            children: (
              <QueryState query={rules}>
                {(data) => <PackRulesTable rules={data} latest={pack.latestVersion} />}
              </QueryState>
            ),
          },
          {
            key: 'settings',
            label: t('admin.packs.tabSettings'),
            children: (
              <QueryState query={rules}>{(data) => <SettingsTable pack={pack} rules={data} />}</QueryState>
            ),
          },
          {
            key: 'versions',
            label: t('admin.packs.tabVersions'),
            children: (
              <QueryState query={versions}>
                {(data) => <PackVersionsTable packId={pack.id} versions={data} />}
              </QueryState>
            ),
          },
        ]}
      />
      {rules.data ? (
        <PackDraftDrawer pack={pack} rules={rules.data} open={drafting} onClose={() => setDrafting(false)} />
      ) : null}
    </Card>
  );
}

/**
 * 政策规则包: each city's rules with the thresholds they read, the versions of its settings, and a new
 * version drafted, previewed for impact and published. The pack and tab live in the URL.
 */
export default function PacksPage() {
  const { t, i18n } = useTranslation();
  const { can, loading } = useAuth();
  const [params, setParams] = useSearchParams();
  const packs = usePacks();
  if (!can('packs:read')) return loading ? null : <Forbidden />;
  const rawTab = params.get('tab');
  const tab: Tab = TABS.includes(rawTab as Tab) ? (rawTab as Tab) : 'rules';
  const set = (key: string, value: string) =>
    setParams(
      (p) => {
        p.set(key, value);
        return p;
      },
      { replace: true },
    );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('admin.packs.title')}
      </Typography.Title>
      <QueryState query={packs}>
        {(list) => {
          const selected = list.find((p) => p.id === params.get('pack')) ?? list[0];
          if (!selected) return null;
          return (
            <>
              <Segmented
                data-testid="pack-select"
                value={selected.id}
                onChange={(v) => set('pack', String(v))}
                options={list.map((p) => ({ value: p.id, label: pick(p.title, i18n.language) }))}
              />
              <PackDetail key={selected.id} pack={selected} tab={tab} onTab={(k) => set('tab', k)} />
            </>
          );
        }}
      </QueryState>
    </Space>
  );
}
