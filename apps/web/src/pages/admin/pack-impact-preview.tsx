import { ArrowRightOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { VERDICTS, VerdictTag } from '../../components/common';
import { formatDate } from '../../time';
import type { ImpactPreview, VerdictSide } from './admin.types';

function Side({ side }: { side: VerdictSide }) {
  const { t } = useTranslation();
  return (
    <span>
      <VerdictTag verdict={side.verdict} />
      {side.warningOnly ? <Tag color="orange">{t('admin.packs.warningOnly')}</Tag> : null}
    </span>
  );
}

type Flip = ImpactPreview['flips'][number];

/** What a draft would change: counts, then every changed verdict per project. */
export function PackImpactPreview({ preview }: { preview: ImpactPreview }) {
  const { t } = useTranslation();
  const counts = VERDICTS.map((verdict) => ({
    verdict,
    before: preview.flips.filter((f) => f.from.verdict === verdict).length,
    after: preview.flips.filter((f) => f.to.verdict === verdict).length,
  })).filter((c) => c.before || c.after);
  return (
    <Card
      size="small"
      data-testid="pack-preview-result"
      title={t('admin.packs.previewTitle', {
        version: preview.draftVersion,
        date: formatDate(preview.effectiveFrom),
      })}
    >
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Statistic title={t('admin.packs.evaluated')} value={preview.projectsEvaluated} />
        </Col>
        <Col span={6}>
          <Statistic title={t('admin.packs.affected')} value={preview.projectsAffected} />
        </Col>
        <Col span={6}>
          <Statistic title={t('admin.packs.flipCount')} value={preview.flips.length} />
        </Col>
        <Col span={6}>
          <Statistic title={t('admin.packs.readinessCount')} value={preview.readinessChanges.length} />
        </Col>
      </Row>
      {preview.flips.length === 0 ? (
        <Alert type="info" showIcon title={t('admin.packs.noFlips')} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div>
            <Typography.Text strong>{t('admin.packs.countsTitle')}</Typography.Text>
            <div data-testid="pack-preview-counts">
              <Table
                size="small"
                rowKey="verdict"
                pagination={false}
                dataSource={counts}
                columns={[
                  { title: '', dataIndex: 'verdict', render: (v: string) => <VerdictTag verdict={v} /> },
                  { title: t('admin.packs.before'), dataIndex: 'before' },
                  { title: t('admin.packs.after'), dataIndex: 'after' },
                ]}
              />
            </div>
          </div>
          <div data-testid="pack-preview-flips">
            <Table<Flip>
              size="small"
              rowKey={(f) => `${f.projectCode}/${f.ruleId}`}
              pagination={preview.flips.length > 20 ? { pageSize: 20 } : false}
              dataSource={preview.flips}
              columns={[
                {
                  title: t('admin.packs.project'),
                  render: (_, f) => (
                    <span>
                      <code>{f.projectCode}</code> {f.projectName}
                    </span>
                  ),
                },
                {
                  title: t('admin.packs.ruleId'),
                  dataIndex: 'ruleId',
                  render: (id: string) => <code>{id}</code>,
                },
                {
                  title: t('admin.packs.change'),
                  render: (_, f) => (
                    <Space size={4}>
                      <Side side={f.from} />
                      <ArrowRightOutlined />
                      <Side side={f.to} />
                    </Space>
                  ),
                },
              ]}
            />
          </div>
          {preview.readinessChanges.length ? (
            <div>
              <Typography.Text strong>{t('admin.packs.readinessTitle')}</Typography.Text>
              <ul data-testid="pack-preview-readiness">
                {preview.readinessChanges.map((r) => (
                  <li key={r.projectCode}>
                    <code>{r.projectCode}</code>：
                    {r.from ? t('admin.packs.ready') : t('admin.packs.notReady')} →{' '}
                    <b>{r.to ? t('admin.packs.ready') : t('admin.packs.notReady')}</b>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </Space>
      )}
    </Card>
  );
}
