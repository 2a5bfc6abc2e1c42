import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert } from '../../components/common';
import { BEIJING } from '../../time';
import {
  type ImpactPreview,
  type PackDraft,
  type PackSummary,
  pick,
  type RuleView,
  type SettingSchema,
} from './admin.types';
import { PackImpactPreview } from './pack-impact-preview';
import { changedSettings, formatSetting, sameValue, settingLabel } from './pack-settings';

interface DraftForm {
  settings: Record<string, unknown>;
  confirmedRuleIds: string[];
  effectiveFrom: Dayjs;
  note: string;
}

/** One setting's control; Form.Item passes id, value and onChange through `control`. */
function SettingInput({
  schema,
  sample,
  ...control
}: {
  schema: SettingSchema | undefined;
  sample: unknown;
  id?: string;
  value?: never;
  onChange?: (value: unknown) => void;
}) {
  if (Array.isArray(sample) || schema?.type === 'array') {
    const options = schema?.items?.enum?.map((v) => ({ value: v, label: v }));
    return (
      <Select {...control} mode={options ? 'multiple' : 'tags'} options={options} style={{ minWidth: 280 }} />
    );
  }
  const integer = schema?.type === 'integer';
  return (
    <InputNumber
      {...control}
      min={schema?.minimum ?? schema?.exclusiveMinimum}
      max={schema?.maximum}
      step={integer ? 1 : schema?.maximum === 1 ? 0.01 : 1}
      precision={integer ? 0 : undefined}
      style={{ width: 160 }}
    />
  );
}

/**
 * A new version of a pack's settings: change thresholds and confirmations, preview which verdicts it
 * would flip (packs:preview), then publish exactly what was previewed (packs:manage).
 */
export function PackDraftDrawer({
  pack,
  rules,
  open,
  onClose,
}: {
  pack: PackSummary;
  rules: RuleView[];
  open: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<DraftForm>();
  const latest = pack.latestVersion;
  const schema = pack.settingsSchema.properties ?? {};
  const unverified = rules.filter((r) => r.basis === 'national-unverified');
  // The preview answers one exact draft; publishing sends that same draft, never a later edit.
  const [previewed, setPreviewed] = useState<{ draft: PackDraft; result: ImpactPreview } | null>(null);
  const [stale, setStale] = useState(false);

  const draftOf = (v: DraftForm): PackDraft => {
    const confirmed = [...(v.confirmedRuleIds ?? [])].sort();
    return {
      settings: changedSettings(v.settings ?? {}, latest.settings),
      ...(sameValue(confirmed, [...latest.confirmedRuleIds].sort()) ? {} : { confirmedRuleIds: confirmed }),
      effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
      note: v.note.trim(),
    };
  };
  const path = `/api/packs/${encodeURIComponent(pack.id)}`;
  const preview = useMutation({
    mutationFn: (draft: PackDraft) => api.post<ImpactPreview>(`${path}/preview`, draft),
    onSuccess: (result, draft) => {
      setPreviewed({ draft, result });
      setStale(false);
    },
  });
  const publish = useMutation({
    mutationFn: (draft: PackDraft) => api.post<{ version: number }>(`${path}/versions`, draft),
    onSuccess: async (created) => {
      void message.success(t('admin.packs.published', { version: created.version }));
      await client.invalidateQueries({ queryKey: ['packs'] });
      close();
    },
  });
  const close = () => {
    setPreviewed(null);
    setStale(false);
    preview.reset();
    publish.reset();
    form.resetFields();
    onClose();
  };

  return (
    <Drawer
      open={open}
      size={820}
      title={t('admin.packs.draftTitle', {
        pack: pick(pack.title, i18n.language),
        version: latest.version + 1,
      })}
      onClose={close}
      destroyOnHidden
      footer={
        <Space>
          <Button data-testid="pack-preview" loading={preview.isPending} onClick={() => form.submit()}>
            {t('admin.packs.preview')}
          </Button>
          {can('packs:manage') ? (
            <Button
              type="primary"
              danger
              data-testid="pack-publish"
              disabled={!previewed || stale}
              title={!previewed || stale ? t('admin.packs.publishNeedsPreview') : undefined}
              loading={publish.isPending}
              onClick={() => previewed && publish.mutate(previewed.draft)}
            >
              {t('admin.packs.publish', { version: latest.version + 1 })}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Form<DraftForm>
        form={form}
        layout="vertical"
        initialValues={{
          settings: latest.settings,
          confirmedRuleIds: latest.confirmedRuleIds,
          effectiveFrom: dayjs(dayjs().tz(BEIJING).format('YYYY-MM-DD')),
          note: '',
        }}
        onFinish={(v) => preview.mutate(draftOf(v))}
        onValuesChange={() => {
          if (previewed) setStale(true);
        }}
      >
        <Typography.Paragraph type="secondary">{t('admin.packs.draftHint')}</Typography.Paragraph>
        <Divider titlePlacement="start">{t('admin.packs.draftSettings')}</Divider>
        {Object.entries(latest.settings).map(([key, value]) => {
          const prop = schema[key];
          const help = `${t('admin.packs.default')}：${formatSetting(pack.defaults[key])}`;
          if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
            return (
              <Form.Item key={key} label={settingLabel(t, key)} extra={help}>
                <Space wrap>
                  {Object.keys(value as Record<string, unknown>).map((sub) => (
                    <Form.Item
                      key={sub}
                      name={['settings', key, sub]}
                      label={sub}
                      style={{ marginBottom: 0 }}
                    >
                      <SettingInput
                        schema={prop?.properties?.[sub]}
                        sample={(value as Record<string, unknown>)[sub]}
                      />
                    </Form.Item>
                  ))}
                </Space>
              </Form.Item>
            );
          }
          return (
            <Form.Item
              key={key}
              name={['settings', key]}
              label={`${settingLabel(t, key)} (${key})`}
              extra={help}
              rules={Array.isArray(value) ? [] : [{ required: true }]}
            >
              <SettingInput schema={prop} sample={value} />
            </Form.Item>
          );
        })}
        {unverified.length ? (
          <>
            <Divider titlePlacement="start">{t('admin.packs.confirmTitle')}</Divider>
            <Typography.Paragraph type="secondary">{t('admin.packs.confirmHint')}</Typography.Paragraph>
            <Form.Item name="confirmedRuleIds">
              <Checkbox.Group
                options={unverified.map((r) => ({
                  value: r.id,
                  label: `${r.id} ${pick(r.title, i18n.language)}`,
                }))}
              />
            </Form.Item>
          </>
        ) : null}
        <Divider />
        <Form.Item
          name="effectiveFrom"
          label={t('admin.packs.effectiveFrom')}
          rules={[{ required: true, message: t('admin.packs.effectiveRequired') }]}
        >
          <DatePicker data-testid="pack-effective-from" />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('admin.packs.note')}
          rules={[{ required: true, whitespace: true, message: t('admin.packs.noteRequired') }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={1000}
            placeholder={t('admin.packs.notePlaceholder')}
            data-testid="pack-note"
          />
        </Form.Item>
      </Form>
      {preview.error ? <ErrorAlert error={preview.error} /> : null}
      {publish.error ? <ErrorAlert error={publish.error} /> : null}
      {stale ? (
        <Alert type="warning" showIcon title={t('admin.packs.previewStale')} style={{ marginBottom: 12 }} />
      ) : null}
      {previewed && !stale ? <PackImpactPreview preview={previewed.result} /> : null}
    </Drawer>
  );
}
