import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { errorMessage } from '../../components/common';
import type { AlertView } from './monitoring.types';

type Action = 'acknowledge' | 'resolve';

/**
 * Acknowledge (open alerts) and resolve (open or acknowledged). Shown only to a role holding
 * alerts:manage, as the API decides.
 */
export function AlertActions({ alert }: { alert: AlertView }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [action, setAction] = useState<Action | null>(null);
  if (!can('alerts:manage') || alert.status === 'resolved') return null;
  return (
    <>
      <Space size={4} wrap>
        {alert.status === 'open' && (
          <Button size="small" onClick={() => setAction('acknowledge')} data-testid={`alert-ack-${alert.id}`}>
            {t('monitoring.ack')}
          </Button>
        )}
        <Button size="small" onClick={() => setAction('resolve')} data-testid={`alert-resolve-${alert.id}`}>
          {t('monitoring.resolve')}
        </Button>
      </Space>
      {action && <ActionModal alert={alert} action={action} onClose={() => setAction(null)} />}
    </>
  );
}

/** The comment the hub records with the change: optional to acknowledge, required to resolve. */
function ActionModal({ alert, action, onClose }: { alert: AlertView; action: Action; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ comment?: string }>();
  const resolve = action === 'resolve';
  const mutation = useMutation({
    mutationFn: (comment: string | undefined) =>
      api.post<AlertView>(`/api/alerts/${alert.id}/${action}`, comment ? { comment } : {}),
    onSuccess: () => {
      void message.success(t(resolve ? 'monitoring.resolved' : 'monitoring.acknowledged'));
      onClose();
      return client.invalidateQueries({ queryKey: ['alerts'] });
    },
    onError: (error) => void message.error(errorMessage(error, i18n.language)),
  });
  return (
    <Modal
      open
      title={t(resolve ? 'monitoring.resolveTitle' : 'monitoring.ackTitle')}
      okText={t(resolve ? 'monitoring.resolve' : 'monitoring.ack')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'alert-action-confirm' } as ButtonProps}
    >
      <Typography.Paragraph strong>
        {i18n.language.startsWith('en') ? alert.title.en : alert.title.zh}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t(resolve ? 'monitoring.resolveHint' : 'monitoring.ackHint')}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={({ comment }) => mutation.mutate(comment?.trim() || undefined)}
      >
        <Form.Item
          name="comment"
          label={t(resolve ? 'monitoring.comment' : 'monitoring.commentOptional')}
          rules={
            resolve ? [{ required: true, whitespace: true, message: t('monitoring.commentRequired') }] : []
          }
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="alert-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
