import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick, type PackVersion, type RuleView } from './admin.types';
import { formatSetting, settingLabel } from './pack-settings';

/** The pack's rules with the thresholds each reads, at the values of the latest version. */
export function PackRulesTable({ rules, latest }: { rules: RuleView[]; latest: PackVersion }) {
  const { t, i18n } = useTranslation();
  const confirmed = new Set(latest.confirmedRuleIds);
  return (
    <div data-testid="pack-rules">
      <Table<RuleView>
        rowKey="id"
        size="small"
        dataSource={rules}
        pagination={false}
        // Each column keeps its width (the full table fits a 1440 px screen), narrower screens scroll.
        tableLayout="fixed"
        scroll={{ x: 1118 }}
        expandable={{
          expandedRowRender: (r) => (
            <Space orientation="vertical" size={4}>
              <Typography.Text>{pick(r.requirement, i18n.language)}</Typography.Text>
              {r.basisNote ? (
                <Typography.Text type="warning">{pick(r.basisNote, i18n.language)}</Typography.Text>
              ) : null}
              <Typography.Text type="secondary">
                {t('admin.packs.sources')}：{r.sources.map((s) => pick(s, i18n.language)).join('、')}
              </Typography.Text>
            </Space>
          ),
        }}
        columns={[
          {
            title: t('admin.packs.ruleId'),
            dataIndex: 'id',
            width: 190,
            render: (id: string) => <code>{id}</code>,
          },
          { title: t('admin.packs.ruleTitle'), width: 200, render: (_, r) => pick(r.title, i18n.language) },
          { title: t('admin.packs.clause'), dataIndex: 'clause', width: 110 },
          {
            title: t('admin.packs.domain'),
            width: 100,
            render: (_, r) =>
              t(`common.domain.${r.domain.id}`, { defaultValue: pick(r.domain, i18n.language) }),
          },
          {
            title: t('admin.packs.severity'),
            width: 100,
            render: (_, r) => (
              <Tag color={r.severity === 'blocking' ? 'red' : 'gold'}>
                {t(`vocabulary.severity.${r.severity}`)}
              </Tag>
            ),
          },
          {
            title: t('admin.packs.basis'),
            width: 150,
            render: (_, r) => (
              <Space size={4} wrap>
                <Tag>{t(`admin.packs.basisValue.${r.basis}`)}</Tag>
                {r.basis === 'national-unverified' ? (
                  confirmed.has(r.id) ? (
                    <Tag color="green">{t('admin.packs.confirmed')}</Tag>
                  ) : (
                    <Tooltip title={r.basisNote ? pick(r.basisNote, i18n.language) : undefined}>
                      <Tag color="orange">{t('admin.packs.unconfirmedWarning')}</Tag>
                    </Tooltip>
                  )
                ) : null}
              </Space>
            ),
          },
          {
            title: t('admin.packs.thresholds'),
            render: (_, r) =>
              r.settings?.length ? (
                <Space orientation="vertical" size={0}>
                  {r.settings.map((key) => (
                    <Typography.Text key={key} style={{ fontSize: 12 }}>
                      {settingLabel(t, key)}：<b>{formatSetting(latest.settings[key])}</b>
                    </Typography.Text>
                  ))}
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </div>
  );
}
