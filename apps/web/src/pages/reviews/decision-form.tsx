import { hub } from '../../api/hub';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Radio, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/common';
import {
  type DecisionInput,
  opinionKey,
  type OpinionDocument,
  REVIEW_DECISIONS,
  type ReviewDecision,
  reviewKey,
  type ReviewView,
} from './review.types';

interface DecisionFormValues {
  decision: ReviewDecision;
  comments?: string;
  overrideReason?: string;
  rectification?: { ruleId?: string; description?: string; deadline?: string; owner?: string }[];
}

/**
 * 同意 / 不同意 / 整改后复核. Approving while blocking rules are FAIL or UNKNOWN asks for the reason
 * the hub requires; a 整改后复核 needs an item for every blocking rule left open, so one is prefilled
 * for each that no open item carried from the previous review already covers. Whatever the hub still
 * refuses is shown as it says it.
 */
export function DecisionForm({
  review,
  opinion,
  open,
  onClose,
}: {
  review: ReviewView;
  opinion: OpinionDocument;
  open: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<DecisionFormValues>();
  const decision = Form.useWatch('decision', form);
  const blocking = opinion.blockingRuleIds;
  const openRules = opinion.sections
    .flatMap((s) => s.findings)
    .filter((f) => f.verdict === 'FAIL' || f.verdict === 'UNKNOWN');
  const carriedOpen = review.items.filter((i) => i.status === 'open');
  const covered = new Set(carriedOpen.map((i) => i.ruleId));
  const prefill = openRules
    .filter((f) => blocking.includes(f.ruleId) && !covered.has(f.ruleId))
    .map((f) => ({ ruleId: f.ruleId, description: `整改：${f.title.zh}` }));
  const decide = useMutation({
    mutationFn: (body: DecisionInput) =>
      hub.post('/api/reviews/{id}/decision', body, { path: { id: review.id } }),
    onSuccess: (updated) => {
      client.setQueryData(reviewKey(review.id), updated);
      void client.invalidateQueries({ queryKey: opinionKey(review.id) });
      void client.invalidateQueries({ queryKey: ['reviews', 'list'] });
      void message.success(t('reviews.decided'));
      onClose();
    },
  });
  const submit = (values: DecisionFormValues) => {
    const body: DecisionInput = {
      decision: values.decision,
      comments: values.comments ?? '',
      rectification:
        values.decision === 'rectify'
          ? (values.rectification ?? []).map((item) => ({
              ruleId: item.ruleId || null,
              description: item.description ?? '',
              deadline: item.deadline ?? '',
              ...(item.owner?.trim() ? { owner: item.owner.trim() } : {}),
            }))
          : [],
    };
    if (values.decision === 'approve' && values.overrideReason) body.overrideReason = values.overrideReason;
    decide.mutate(body);
  };

  return (
    <Modal
      open={open}
      title={t('reviews.decideTitle')}
      onCancel={onClose}
      width={760}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          data-testid="decision-submit"
          loading={decide.isPending}
          onClick={() => form.submit()}
        >
          {t('reviews.submitDecision')}
        </Button>,
      ]}
    >
      <Form<DecisionFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: Partial<DecisionFormValues>) => {
          if (decide.error) decide.reset();
          const listed = (form.getFieldValue('rectification') as unknown[] | undefined) ?? [];
          if (changed.decision === 'rectify' && prefill.length > 0 && listed.length === 0) {
            form.setFieldValue('rectification', prefill);
          }
        }}
        initialValues={{ comments: opinion.remarks?.conclusion ?? '', rectification: [] }}
      >
        <Form.Item name="decision" label={t('reviews.decision')} rules={[{ required: true }]}>
          <Radio.Group>
            {REVIEW_DECISIONS.map((d) => (
              <Radio.Button key={d} value={d} data-testid={`decision-${d}`}>
                {t(`reviews.decisions.${d}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {decision === 'approve' && blocking.length > 0 ? (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('reviews.overrideHint', { rules: blocking.join('、') })}
            />
            <Form.Item
              name="overrideReason"
              label={t('reviews.overrideReason')}
              rules={[{ required: true, whitespace: true, min: 10, message: t('reviews.overrideRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={2000} data-testid="decision-override" />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="comments" label={t('reviews.comments')}>
          <Input.TextArea rows={3} maxLength={10_000} data-testid="decision-comments" />
        </Form.Item>
        {decision === 'rectify' ? (
          <Form.List
            name="rectification"
            rules={[
              {
                validator: async (_, items?: unknown[]) => {
                  if ((!items || items.length === 0) && carriedOpen.length === 0) {
                    throw new Error(t('reviews.itemsRequired'));
                  }
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Form.Item label={t('reviews.rectification')}>
                {prefill.length > 0 ? (
                  <Alert
                    type="info"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title={t('reviews.prefilledItems')}
                  />
                ) : null}
                {fields.map((field, index) => (
                  <Space key={field.key} align="start" style={{ display: 'flex' }} wrap>
                    <Form.Item name={[field.name, 'ruleId']} style={{ width: 200 }}>
                      <Select
                        allowClear
                        placeholder={t('reviews.itemRule')}
                        options={openRules.map((f) => ({ value: f.ruleId, label: f.ruleId }))}
                        data-testid={`item-rule-${index}`}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'description']}
                      rules={[{ required: true, whitespace: true, message: t('reviews.itemRequired') }]}
                      style={{ width: 300 }}
                    >
                      <Input
                        placeholder={t('reviews.itemDescription')}
                        data-testid={`item-description-${index}`}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'owner']} style={{ width: 200 }}>
                      <Input
                        placeholder={t('reviews.itemOwnerPlaceholder')}
                        aria-label={t('reviews.itemOwner')}
                        maxLength={200}
                        data-testid={`item-owner-${index}`}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'deadline']}
                      rules={[{ required: true, message: t('reviews.itemRequired') }]}
                    >
                      <Input
                        type="date"
                        aria-label={t('reviews.itemDeadline')}
                        data-testid={`item-deadline-${index}`}
                      />
                    </Form.Item>
                    <MinusCircleOutlined aria-label="remove" onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="decision-add-item">
                  {t('reviews.addItem')}
                </Button>
                <Form.ErrorList errors={errors} />
              </Form.Item>
            )}
          </Form.List>
        ) : null}
        {decide.error ? (
          <Alert
            type="error"
            showIcon
            data-testid="decision-error"
            title={errorMessage(decide.error, i18n.language)}
          />
        ) : null}
      </Form>
    </Modal>
  );
}
