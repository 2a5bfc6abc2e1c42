import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/common';
import {
  type ChannelAvailability,
  type ChannelId,
  NOTIFY_SEVERITIES,
  pick,
  type SubscriptionView,
} from './admin.types';

interface SubscriptionForm {
  name?: string;
  channel: ChannelId;
  target?: string;
  secret?: string;
  removeSecret?: boolean;
  unitCodes: string[];
  ruleIds: string[];
  minSeverity: SubscriptionView['minSeverity'];
  immediate: boolean;
  digest: boolean;
  enabled: boolean;
}

/**
 * Create (POST) or change (PATCH) a subscription. The hub never shows a target's tokens or a secret:
 * when editing, an empty target or secret keeps what is stored.
 */
export function SubscriptionFormModal({
  subscription,
  channels,
  open,
  onClose,
}: {
  subscription: SubscriptionView | null;
  channels: ChannelAvailability[];
  open: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<SubscriptionForm>();
  const channel = Form.useWatch('channel', form) ?? subscription?.channel;
  const save = useMutation({
    mutationFn: (v: SubscriptionForm) => {
      const filters = {
        unitCodes: v.unitCodes ?? [],
        ruleIds: v.ruleIds ?? [],
        minSeverity: v.minSeverity,
        immediate: v.immediate,
        digest: v.digest,
        enabled: v.enabled,
      };
      const name = v.name?.trim() || undefined;
      const target = v.target?.trim() || undefined;
      const secret = v.secret?.trim() || undefined;
      if (!subscription) {
        return api.post<SubscriptionView>('/api/notifications/subscriptions', {
          ...(name ? { name } : {}),
          channel: v.channel,
          target,
          ...(secret ? { secret } : {}),
          ...filters,
        });
      }
      return api.patch<SubscriptionView>(`/api/notifications/subscriptions/${subscription.id}`, {
        ...(name && name !== subscription.name ? { name } : {}),
        ...(target ? { target } : {}),
        ...(secret ? { secret } : v.removeSecret ? { secret: null } : {}),
        ...filters,
      });
    },
    onSuccess: async () => {
      void message.success(t('admin.notifications.saved'));
      await client.invalidateQueries({ queryKey: ['notifications'] });
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      width={640}
      title={
        subscription
          ? t('admin.notifications.editTitle', { name: subscription.name })
          : t('admin.notifications.createTitle')
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, ...{ 'data-testid': 'subscription-submit' } }}
      destroyOnHidden
      afterClose={() => save.reset()}
    >
      <Form<SubscriptionForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          subscription
            ? { ...subscription, target: '', secret: '', removeSecret: false }
            : {
                channel: channels.find((c) => c.available)?.channel ?? 'webhook',
                unitCodes: [],
                ruleIds: [],
                minSeverity: 'warning',
                immediate: true,
                digest: true,
                enabled: true,
              }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('admin.notifications.name')}>
          <Input data-testid="subscription-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="channel" label={t('admin.notifications.channel')} rules={[{ required: true }]}>
          <Select
            data-testid="subscription-channel"
            disabled={subscription !== null}
            options={channels.map((c) => ({
              value: c.channel,
              disabled: !c.available,
              label: c.available
                ? pick(c.title, i18n.language)
                : `${pick(c.title, i18n.language)}（${pick(c.reason, i18n.language)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="target"
          label={t('admin.notifications.target')}
          extra={
            subscription
              ? t('admin.notifications.targetKeep', { target: subscription.target })
              : channel
                ? t(`admin.notifications.targetHint.${channel}`)
                : undefined
          }
          rules={
            subscription
              ? []
              : [{ required: true, whitespace: true, message: t('admin.notifications.targetRequired') }]
          }
        >
          <Input data-testid="subscription-target" maxLength={2048} autoComplete="off" />
        </Form.Item>
        {channel === 'webhook' || channel === 'dingtalk' ? (
          <Form.Item
            name="secret"
            label={t('admin.notifications.secret')}
            extra={
              subscription?.hasSecret
                ? t('admin.notifications.secretKeep')
                : t('admin.notifications.secretHint')
            }
          >
            <Input.Password data-testid="subscription-secret" maxLength={256} autoComplete="new-password" />
          </Form.Item>
        ) : null}
        {subscription?.hasSecret && channel === 'dingtalk' ? (
          <Form.Item name="removeSecret" valuePropName="checked">
            <Checkbox>{t('admin.notifications.removeSecret')}</Checkbox>
          </Form.Item>
        ) : null}
        <Form.Item
          name="unitCodes"
          label={t('admin.notifications.unitCodes')}
          extra={t('admin.notifications.unitCodesHint')}
        >
          <Select
            mode="tags"
            tokenSeparators={[',', ' ', '，']}
            data-testid="subscription-units"
            open={false}
          />
        </Form.Item>
        <Form.Item
          name="ruleIds"
          label={t('admin.notifications.ruleIds')}
          extra={t('admin.notifications.ruleIdsHint')}
        >
          <Select
            mode="tags"
            tokenSeparators={[',', ' ', '，']}
            data-testid="subscription-rules"
            open={false}
          />
        </Form.Item>
        <Form.Item name="minSeverity" label={t('admin.notifications.minSeverity')}>
          <Select
            data-testid="subscription-severity"
            options={NOTIFY_SEVERITIES.map((s) => ({
              value: s,
              label: t(`vocabulary.alertSeverity.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="immediate" label={t('admin.notifications.immediate')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="digest" label={t('admin.notifications.digest')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="enabled" label={t('admin.notifications.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      {save.error ? <ErrorAlert error={save.error} /> : null}
    </Modal>
  );
}
