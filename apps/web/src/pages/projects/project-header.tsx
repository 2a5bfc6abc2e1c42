import { AuditOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Form, Input, Modal, Space, Tag, Tooltip, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { DivisionName, ErrorAlert, errorMessage, Time } from '../../components/common';
import { formatDate } from '../../time';
import type { CheckReport, Project, ProjectFindings } from './project.types';
import { ReadinessTag } from './projects-table';
import { PackLabel } from './pack-label';

/**
 * Runs a targeted check (POST /api/checks). The hub may answer with a finished run or with one still
 * running; a running one is followed through GET /api/checks/:id until it ends.
 */
function useRunCheck(code: string) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [runId, setRunId] = useState<string | null>(null);
  const finished = (report: CheckReport) => {
    void client.invalidateQueries({ queryKey: ['project', code] });
    void client.invalidateQueries({ queryKey: ['portfolio'] });
    if (report.status === 'failed')
      void message.error(t('projects.detail.checkFailed', { error: report.error ?? '' }));
    else void message.success(t('projects.detail.checkDone'));
  };
  const start = useMutation({
    mutationFn: () => api.post<CheckReport>('/api/checks', { projectCode: code }),
    onSuccess: (report) => (report.status === 'running' ? setRunId(report.id) : finished(report)),
    onError: (e) => void message.error(errorMessage(e, i18n.language)),
  });
  const progress = useQuery({
    queryKey: ['checks', runId],
    queryFn: async () => {
      const report = await api.get<CheckReport>(`/api/checks/${runId}`);
      // Reported here, once, when the poll that sees the end returns: polling stops with it.
      if (report.status !== 'running') finished(report);
      return report;
    },
    enabled: runId !== null,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 1500),
    retry: false,
  });
  const following =
    runId !== null && !progress.error && (!progress.data || progress.data.status === 'running');
  return {
    run: () => start.mutate(),
    running: start.isPending || following,
    error: progress.error,
  };
}

function ApplyReview({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ note?: string }>();
  const apply = useMutation({
    mutationFn: (note: string | undefined) =>
      api.post<{ id: string }>('/api/reviews', { projectCode: code, ...(note ? { note } : {}) }),
    onSuccess: (review) => void navigate(`/reviews/${review.id}`),
    onError: (e) => void message.error(errorMessage(e, i18n.language)),
  });
  return (
    <>
      <Button icon={<AuditOutlined />} onClick={() => setOpen(true)} data-testid="project-apply-review">
        {t('projects.detail.applyReview')}
      </Button>
      <Modal
        open={open}
        title={t('projects.detail.applyTitle')}
        okText={t('projects.submit')}
        confirmLoading={apply.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => apply.mutate(form.getFieldValue('note')?.trim() || undefined)}
        okButtonProps={{ 'data-testid': 'project-apply-review-submit' } as ButtonProps}
        destroyOnHidden
      >
        <p>{t('projects.detail.applyHint')}</p>
        <Form form={form} layout="vertical">
          <Form.Item name="note" label={t('projects.detail.applyNote')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

interface Props {
  project: Project;
  findings: ProjectFindings | null | undefined;
}

/** The project's facts from the registry, its readiness, and what the caller may start from here. */
export function ProjectHeader({ project, findings }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const check = useRunCheck(project.code);
  const packVersion = findings?.findings[0]?.packVersion;
  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        {can('checks:run') && (
          <Button
            type="primary"
            icon={<PlayCircleOutlined />}
            loading={check.running}
            onClick={check.run}
            data-testid="project-run-check"
          >
            {check.running ? t('projects.detail.checkRunning') : t('projects.detail.runCheck')}
          </Button>
        )}
        {can('reviews:apply') && <ApplyReview code={project.code} />}
      </Space>
      {check.error ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={check.error} />
        </div>
      ) : null}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          {
            key: 'code',
            label: t('projects.detail.code'),
            children: <span style={{ whiteSpace: 'nowrap' }}>{project.code}</span>,
          },
          {
            key: 'unit',
            label: t('projects.detail.unit'),
            children: (
              <Tooltip title={project.unitCode}>
                <span>{project.unitName}</span>
              </Tooltip>
            ),
          },
          {
            key: 'region',
            label: t('projects.detail.region'),
            children: <DivisionName code={project.region} />,
          },
          {
            key: 'pack',
            label: t('projects.detail.pack'),
            children: (
              <Space size={4}>
                <PackLabel id={project.policyPack} />
                {packVersion !== undefined && (
                  <Tooltip title={t('projects.detail.packVersion')}>
                    <Tag>v{packVersion}</Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          {
            key: 'budget',
            label: t('projects.detail.budget'),
            children: t('projects.detail.budgetValue', { value: project.investment }),
          },
          {
            key: 'approvedOn',
            label: t('projects.detail.approvedOn'),
            children: formatDate(project.approvedOn),
          },
          { key: 'category', label: t('projects.detail.category'), children: project.category },
          { key: 'domain', label: t('projects.detail.domain'), children: project.domain },
          { key: 'systems', label: t('projects.detail.systems'), children: project.systemNames.join('；') },
          {
            key: 'readiness',
            label: t('projects.detail.readiness'),
            children: (
              <span data-testid="project-readiness">
                <ReadinessTag ready={findings ? findings.ready : null} />
              </span>
            ),
          },
          {
            key: 'checked',
            label: t('projects.detail.lastChecked'),
            children: <Time value={findings?.evaluatedAt} />,
          },
          {
            key: 'blocking',
            label: t('projects.detail.blocking'),
            children: findings?.blockingRuleIds.length
              ? findings.blockingRuleIds.map((id) => (
                  <Tag key={id} color="error">
                    {id}
                  </Tag>
                ))
              : '—',
          },
        ]}
      />
    </>
  );
}
