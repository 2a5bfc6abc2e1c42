import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, Time } from '../../components/common';
import { formatDate } from '../../time';
import type { PackVersion } from './admin.types';
import { changedSettings, formatSetting, settingLabel } from './pack-settings';

/** Every published version with what it changed, and (packs:manage) pinning one to a project. */
export function PackVersionsTable({ packId, versions }: { packId: string; versions: PackVersion[] }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const byNumber = new Map(versions.map((v) => [v.version, v]));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div data-testid="pack-versions">
        <Table<PackVersion>
          rowKey="version"
          size="small"
          pagination={false}
          dataSource={[...versions].reverse()}
          columns={[
            {
              title: t('admin.packs.version'),
              dataIndex: 'version',
              width: 90,
              render: (v: number) => t('admin.packs.versionNo', { version: v }),
            },
            {
              title: t('admin.packs.effectiveFrom'),
              dataIndex: 'effectiveFrom',
              width: 150,
              render: (d: string) => formatDate(d),
            },
            {
              title: t('admin.packs.changes'),
              render: (_, v) => {
                const previous = byNumber.get(v.version - 1);
                if (!previous)
                  return <Typography.Text type="secondary">{formatSetting(null)}</Typography.Text>;
                const changed = changedSettings(v.settings, previous.settings);
                const keys = Object.keys(changed);
                const confirmedNow = v.confirmedRuleIds.filter((r) => !previous.confirmedRuleIds.includes(r));
                if (!keys.length && !confirmedNow.length)
                  return <Typography.Text type="secondary">{t('admin.packs.noChanges')}</Typography.Text>;
                return (
                  <Space orientation="vertical" size={0}>
                    {keys.map((k) => (
                      <Typography.Text key={k} style={{ fontSize: 12 }}>
                        {settingLabel(t, k)}：{formatSetting(previous.settings[k])} →{' '}
                        <b>{formatSetting(changed[k])}</b>
                      </Typography.Text>
                    ))}
                    {confirmedNow.map((r) => (
                      <Tag key={r} color="green">
                        {t('admin.packs.confirmed')}：{r}
                      </Tag>
                    ))}
                  </Space>
                );
              },
            },
            { title: t('admin.packs.note'), dataIndex: 'note' },
            { title: t('admin.packs.publishedBy'), dataIndex: 'publishedBy', width: 110 },
            {
              title: t('admin.packs.publishedAt'),
              dataIndex: 'publishedAt',
              width: 150,
              render: (at: string) => <Time value={at} />,
            },
          ]}
        />
      </div>
      {can('packs:manage') ? <PinForm packId={packId} versions={versions} /> : null}
    </Space>
  );
}

function PinForm({ packId, versions }: { packId: string; versions: PackVersion[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ projectCode: string; version: number | 'date' }>();
  const pin = useMutation({
    mutationFn: (body: { projectCode: string; version: number | null }) =>
      api.post<{ projectCode: string; pinned: number | null }>(
        `/api/packs/${encodeURIComponent(packId)}/pins`,
        body,
      ),
    onSuccess: (r) => {
      void message.success(
        t('admin.packs.pinned', {
          project: r.projectCode,
          version:
            r.pinned === null
              ? t('admin.packs.pinByDate')
              : t('admin.packs.versionNo', { version: r.pinned }),
        }),
      );
      form.resetFields();
    },
  });
  return (
    <Card size="small" title={t('admin.packs.pinTitle')}>
      <Typography.Paragraph type="secondary">{t('admin.packs.pinHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        initialValues={{ version: 'date' }}
        onFinish={(v) =>
          pin.mutate({ projectCode: v.projectCode.trim(), version: v.version === 'date' ? null : v.version })
        }
      >
        <Form.Item
          name="projectCode"
          label={t('admin.packs.projectCode')}
          rules={[{ required: true, whitespace: true, message: t('admin.packs.projectCodeRequired') }]}
        >
          <Input data-testid="pack-pin-project" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="version" label={t('admin.packs.pinVersion')}>
          <Select
            data-testid="pack-pin-version"
            style={{ width: 180 }}
            options={[
              { value: 'date', label: t('admin.packs.pinByDate') },
              ...versions.map((v) => ({
                value: v.version,
                label: t('admin.packs.versionNo', { version: v.version }),
              })),
            ]}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={pin.isPending} data-testid="pack-pin">
          {t('admin.packs.pin')}
        </Button>
      </Form>
      {pin.error ? (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={pin.error} />
        </div>
      ) : null}
    </Card>
  );
}
