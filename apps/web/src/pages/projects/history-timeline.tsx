import { useQuery } from '@tanstack/react-query';
import { Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { QueryState, Time, VERDICT_COLORS, VERDICTS, VerdictTag } from '../../components/common';
import type { ProjectTimeline } from './project.types';
import { ReadinessTag } from './projects-table';

/** The project's completed checks, newest first, with the verdicts that changed at each. */
export function HistoryTimeline({ code }: { code: string }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: ['project', code, 'history'],
    queryFn: () => api.get<ProjectTimeline>(`/api/projects/${code}/history`, { query: { limit: 100 } }),
  });
  return (
    <QueryState query={history}>
      {(timeline) =>
        timeline.items.length === 0 ? (
          <Empty description={t('projects.history.empty')} />
        ) : (
          <div data-testid="project-history">
            <Typography.Paragraph type="secondary">
              {t('projects.history.total', { count: timeline.total })}
            </Typography.Paragraph>
            <Timeline
              items={timeline.items.map((entry) => ({
                key: entry.checkRunId,
                color: entry.ready ? VERDICT_COLORS.PASS : VERDICT_COLORS.FAIL,
                title: (
                  <Space wrap>
                    <Time value={entry.asOf} />
                    <Tag>{t(`projects.history.${entry.kind}`)}</Tag>
                    <ReadinessTag ready={entry.ready} />
                  </Space>
                ),
                content: (
                  <Space orientation="vertical" size={4}>
                    <Space size={4} wrap>
                      {VERDICTS.filter((v) => entry.verdicts[v] > 0).map((v) => (
                        <Typography.Text key={v} style={{ color: VERDICT_COLORS[v] }}>
                          {t(`vocabulary.verdict.${v}`)} {entry.verdicts[v]}
                        </Typography.Text>
                      ))}
                    </Space>
                    {entry.previousCheckRunId === null ? (
                      <Typography.Text type="secondary">{t('projects.history.firstRun')}</Typography.Text>
                    ) : entry.changes.length === 0 ? (
                      <Typography.Text type="secondary">{t('projects.history.noChange')}</Typography.Text>
                    ) : (
                      entry.changes.map((c) => (
                        <Space
                          key={c.ruleId}
                          size={4}
                          data-testid={`history-change-${entry.checkRunId}-${c.ruleId}`}
                        >
                          <Typography.Text code>{c.ruleId}</Typography.Text>
                          {c.from ? (
                            <VerdictTag verdict={c.from} />
                          ) : (
                            <Tag>{t('projects.history.notJudged')}</Tag>
                          )}
                          →
                          {c.to ? (
                            <VerdictTag verdict={c.to} />
                          ) : (
                            <Tag>{t('projects.history.notJudged')}</Tag>
                          )}
                        </Space>
                      ))
                    )}
                  </Space>
                ),
              }))}
            />
          </div>
        )
      }
    </QueryState>
  );
}
