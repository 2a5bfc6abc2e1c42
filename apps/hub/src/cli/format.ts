import { labelOf, SEVERITY_LABELS, VERDICT_LABELS } from '@hub/vocabulary';
import Table from 'cli-table3';
import type { FindingView } from '../modules/checks/findings.repository';
import type { RuleView } from '../modules/packs/packs.controller';

export type OutputFormat = 'table' | 'json';

/** The CLI's JSON shape of a finding: flat, with the Chinese reason first. */
export function findingJson(f: FindingView) {
  return {
    projectCode: f.projectCode,
    ruleId: f.ruleId,
    verdict: f.verdict,
    severity: f.severity,
    reason: f.reason.zh,
    reasonEn: f.reason.en,
    title: f.title.zh,
    clause: f.clause,
    basis: f.basis,
    warningOnly: f.warningOnly,
    evidence: f.evidence,
    checkRunId: f.checkRunId,
    evaluatedAt: f.evaluatedAt,
  };
}

/** `阻断 blocking`: the vocabulary's word, then the API's. */
const severityCell = (severity: string) => `${labelOf(SEVERITY_LABELS, severity).zh} ${severity}`;

export function findingsTable(findings: readonly FindingView[]): string {
  const table = new Table({
    head: ['项目 project', '规则 rule', '结论 verdict', '级别 severity', '条款 clause', '原因 reason'],
    colWidths: [18, 22, 22, 12, 16, 70],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const f of findings) {
    table.push([
      f.projectCode,
      f.ruleId,
      `${f.verdict} ${labelOf(VERDICT_LABELS, f.verdict).zh}`,
      severityCell(f.severity),
      f.clause,
      f.reason.zh,
    ]);
  }
  return table.toString();
}

export function rulesTable(rules: readonly RuleView[]): string {
  const table = new Table({
    head: [
      '规则 rule',
      '义务 obligation',
      '条款 clause',
      '级别 severity',
      '领域 domain',
      '数据源 sources',
      '依据 basis',
    ],
    colWidths: [24, 40, 18, 12, 16, 30, 22],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const r of rules) {
    table.push([
      r.id,
      `${r.title.zh}\n${r.requirement.zh}`,
      r.clause,
      severityCell(r.severity),
      r.domain.zh,
      r.sources.map((s) => s.zh).join('、') || '项目台账 registry',
      r.basis + (r.basisNote ? '（待确认）' : ''),
    ]);
  }
  return table.toString();
}
