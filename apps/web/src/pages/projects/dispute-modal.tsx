import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../../components/common';
import type { FindingView } from './project.types';
import { pick } from './project.types';

interface Props {
  code: string;
  /** the findings that may be contested: FAIL or UNKNOWN of the latest check */
  findings: FindingView[];
  /** the rule to contest; null closes the dialog, '' opens it with no rule chosen */
  ruleId: string | null;
  onClose: () => void;
}

/** 提出异议: POST /api/disputes for one FAIL or UNKNOWN finding of the project's latest check. */
export function DisputeModal({ code, findings, ruleId, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ ruleId: string; reason: string }>();
  useEffect(() => {
    if (ruleId !== null) form.setFieldsValue({ ruleId: ruleId || undefined, reason: '' });
  }, [ruleId, form]);
  const raise = useMutation({
    mutationFn: (body: { ruleId: string; reason: string }) =>
      api.post('/api/disputes', { projectCode: code, ...body }),
    onSuccess: () => {
      void message.success(t('projects.dispute.submitted'));
      void client.invalidateQueries({ queryKey: ['project', code, 'disputes'] });
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e, i18n.language)),
  });
  return (
    <Modal
      open={ruleId !== null}
      title={ruleId ? t('projects.dispute.raiseTitle', { ruleId }) : t('projects.dispute.raise')}
      okText={t('projects.submit')}
      confirmLoading={raise.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'dispute-submit' } as ButtonProps}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => raise.mutate({ ruleId: v.ruleId, reason: v.reason.trim() })}
      >
        <Form.Item
          name="ruleId"
          label={t('projects.dispute.rule')}
          rules={[{ required: true, message: t('projects.required') }]}
          extra={t('projects.dispute.contestable')}
        >
          <Select
            options={findings.map((f) => ({
              value: f.ruleId,
              label: `${f.ruleId} ${pick(f.title, i18n.language)}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('projects.dispute.reason')}
          rules={[{ required: true, whitespace: true, message: t('projects.required') }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={2000}
            placeholder={t('projects.dispute.reasonHint')}
            data-testid="dispute-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
