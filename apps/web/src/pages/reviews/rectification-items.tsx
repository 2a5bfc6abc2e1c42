import { PaperClipOutlined, UploadOutlined, WarningOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, errorMessage, Time } from '../../components/common';
import { formatDate } from '../../time';
import { opinionKey, type RectificationItem, reviewKey, type ReviewView } from './review.types';

/** What the hub accepts as evidence (it checks the content too). */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';
const MAX_BYTES = 10 * 1024 * 1024;

/** A test id for a component that takes its button's props as an object. */
const testId = (id: string) => ({ 'data-testid': id }) as Record<string, string>;

/**
 * What the decision asked the unit to fix (整改事项): who answers for each, by when, who did it with
 * what note and file; the items carried from the previous review, and that review's done items as
 * the re-check judged them. Once fixed, the unit applies again.
 */
export function RectificationItems({ review }: { review: ReviewView }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [marking, setMarking] = useState<RectificationItem | null>(null);
  const reapply = useMutation({
    mutationFn: () => api.post<ReviewView>('/api/reviews', { projectCode: review.projectCode }),
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: ['reviews', 'list'] });
      void message.success(t('reviews.reapplied'));
      void navigate(`/reviews/${created.id}`);
    },
  });
  const mayApply = can('reviews:apply');
  const canReapply = mayApply && review.status === 'decided' && review.decision !== 'approve';
  const stillFailing = [...review.items, ...review.itemHistory].filter((i) => i.recheck !== null);
  return (
    <Card
      title={t('reviews.rectification')}
      data-testid="rectification"
      extra={
        canReapply ? (
          <Button data-testid="review-reapply" loading={reapply.isPending} onClick={() => reapply.mutate()}>
            {t('reviews.reapply')}
          </Button>
        ) : null
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {stillFailing.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            data-testid="still-failing"
            title={t('reviews.stillFailingCount', { count: stillFailing.length })}
            description={stillFailing.map((i) => i.ruleId).join('、')}
          />
        ) : null}
        {reapply.error ? <ErrorAlert error={reapply.error} /> : null}
        <ItemsTable
          items={review.items}
          testId="items"
          onMarkDone={mayApply ? setMarking : null}
          emptyText={t('reviews.noItems')}
        />
        {review.itemHistory.length > 0 ? (
          <div data-testid="item-history">
            <Typography.Title level={5}>{t('reviews.itemHistory')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('reviews.itemHistoryHint')}</Typography.Paragraph>
            <ItemsTable items={review.itemHistory} testId="history" onMarkDone={null} emptyText="" />
          </div>
        ) : null}
      </Space>
      {marking ? <MarkDoneForm review={review} item={marking} onClose={() => setMarking(null)} /> : null}
    </Card>
  );
}

function ItemsTable({
  items,
  testId,
  onMarkDone,
  emptyText,
}: {
  items: RectificationItem[];
  testId: string;
  onMarkDone: ((item: RectificationItem) => void) | null;
  emptyText: string;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const download = useMutation({
    mutationFn: (item: RectificationItem) => api.download(item.attachment!.url, item.attachment!.fileName),
    onError: (e) => void message.error(errorMessage(e, i18n.language)),
  });
  const zh = i18n.language.startsWith('zh');
  return (
    <Table<RectificationItem>
      rowKey="id"
      size="small"
      pagination={false}
      data-testid={`rectification-${testId}`}
      locale={{ emptyText }}
      dataSource={items}
      columns={[
        { title: t('reviews.itemRule'), dataIndex: 'ruleId', render: (v: string | null) => v ?? '—' },
        {
          title: t('reviews.itemDescription'),
          dataIndex: 'description',
          render: (v: string, item) => (
            <Space orientation="vertical" size={0}>
              <span>{v}</span>
              {item.carriedFrom ? (
                <Typography.Text type="secondary">
                  {t('reviews.carriedFrom', { no: item.carriedFrom.documentNo })}
                </Typography.Text>
              ) : null}
            </Space>
          ),
        },
        { title: t('reviews.itemOwner'), dataIndex: 'owner' },
        { title: t('reviews.itemDeadline'), dataIndex: 'deadline', render: (v: string) => formatDate(v) },
        {
          title: t('reviews.status'),
          dataIndex: 'status',
          render: (v: RectificationItem['status'], item) => (
            <Space orientation="vertical" size={4}>
              <Tag color={v === 'done' ? 'success' : 'warning'}>{t(`reviews.itemStatus.${v}`)}</Tag>
              {item.carriedTo ? <Tag>{t('reviews.carriedTo', { no: item.carriedTo.documentNo })}</Tag> : null}
              {item.recheck ? (
                <Tag color="error" icon={<WarningOutlined />} data-testid={`item-still-failing-${item.id}`}>
                  {zh ? item.recheck.warning.zh : item.recheck.warning.en}
                </Tag>
              ) : null}
            </Space>
          ),
        },
        {
          title: t('reviews.itemDone'),
          key: 'done',
          render: (_: unknown, item) =>
            item.status === 'done' ? (
              <Space orientation="vertical" size={0} data-testid={`item-done-info-${item.id}`}>
                <span>
                  {item.doneBy} · <Time value={item.doneAt} />
                </span>
                {item.note ? <Typography.Text type="secondary">{item.note}</Typography.Text> : null}
                {item.attachment ? (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    icon={<PaperClipOutlined />}
                    data-testid={`item-attachment-${item.id}`}
                    loading={download.isPending && download.variables?.id === item.id}
                    onClick={() => download.mutate(item)}
                  >
                    {item.attachment.fileName}
                  </Button>
                ) : null}
              </Space>
            ) : (
              '—'
            ),
        },
        ...(onMarkDone
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_: unknown, item: RectificationItem) =>
                  item.status === 'open' && !item.carriedTo ? (
                    <Button
                      size="small"
                      data-testid={`item-done-${item.id}`}
                      onClick={() => onMarkDone(item)}
                    >
                      {t('reviews.markDone')}
                    </Button>
                  ) : null,
              },
            ]
          : []),
      ]}
    />
  );
}

interface MarkDoneValues {
  note?: string;
}

/** The note (required) and the file (optional) the hub records with a done item. */
function MarkDoneForm({
  review,
  item,
  onClose,
}: {
  review: ReviewView;
  item: RectificationItem;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<MarkDoneValues>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [tooLarge, setTooLarge] = useState(false);
  const done = useMutation({
    mutationFn: (values: MarkDoneValues) => {
      const body = new FormData();
      body.append('note', values.note ?? '');
      const file = files[0]?.originFileObj;
      if (file) body.append('file', file, file.name);
      return api.postForm<ReviewView>(`/api/reviews/${review.id}/items/${item.id}/done`, body);
    },
    onSuccess: (updated) => {
      client.setQueryData(reviewKey(review.id), updated);
      void client.invalidateQueries({ queryKey: opinionKey(review.id) });
      void message.success(t('reviews.markedDone'));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('reviews.markDoneTitle')}
      onCancel={onClose}
      destroyOnHidden
      onOk={() => form.submit()}
      okText={t('reviews.markDone')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: done.isPending, ...testId('item-done-submit') }}
    >
      <Typography.Paragraph>
        {item.ruleId ? <Typography.Text code>{item.ruleId}</Typography.Text> : null} {item.description}
      </Typography.Paragraph>
      <Form<MarkDoneValues>
        form={form}
        layout="vertical"
        onFinish={(values) => done.mutate(values)}
        onValuesChange={() => done.error && done.reset()}
      >
        <Form.Item
          name="note"
          label={t('reviews.itemNote')}
          rules={[{ required: true, whitespace: true, message: t('reviews.itemNoteRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="item-done-note" />
        </Form.Item>
        <Form.Item label={t('reviews.itemAttachment')} extra={t('reviews.itemAttachmentHint')}>
          <Upload
            accept={ACCEPT}
            maxCount={1}
            fileList={files}
            beforeUpload={(file) => {
              // Sent with the note when the form is submitted, never on its own.
              setTooLarge(file.size > MAX_BYTES);
              return false;
            }}
            onChange={({ fileList }) => setFiles(fileList.slice(-1))}
            data-testid="item-done-file"
          >
            <Button icon={<UploadOutlined />}>{t('reviews.chooseFile')}</Button>
          </Upload>
        </Form.Item>
        {tooLarge ? <Alert type="warning" showIcon title={t('reviews.itemAttachmentHint')} /> : null}
        {done.error ? (
          <Alert
            type="error"
            showIcon
            data-testid="item-done-error"
            title={errorMessage(done.error, i18n.language)}
          />
        ) : null}
      </Form>
    </Modal>
  );
}
