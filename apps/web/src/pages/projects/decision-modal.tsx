import { Form, Input, Modal, type ButtonProps } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  open: boolean;
  title: string;
  label: string;
  /** the hub refuses the decision without a comment */
  required: boolean;
  loading: boolean;
  onCancel: () => void;
  onSubmit: (text: string) => void;
}

/** A decision that carries a comment or reason (exemptions, disputes). */
export function DecisionModal({ open, title, label, required, loading, onCancel, onSubmit }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text: string }>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={title}
      okText={t('projects.submit')}
      confirmLoading={loading}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'decision-submit' } as ButtonProps}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => onSubmit((v.text ?? '').trim())}>
        <Form.Item
          name="text"
          label={label}
          rules={required ? [{ required: true, whitespace: true, message: t('projects.required') }] : []}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="decision-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
