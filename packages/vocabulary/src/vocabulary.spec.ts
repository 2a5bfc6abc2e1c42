import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS } from './audit-actions';
import { ALERT_SEVERITY_LABELS, labelOf } from './statuses';
import { pick } from './text';
import { UPSTREAM_VALUE_LABELS, upstreamValue } from './upstream-values';
import { SEVERITY_LABELS, VERDICT_LABELS, VERDICTS } from './verdicts';

const tables = {
  verdicts: VERDICT_LABELS,
  severities: SEVERITY_LABELS,
  alertSeverities: ALERT_SEVERITY_LABELS,
  auditActions: AUDIT_ACTION_LABELS,
  ...UPSTREAM_VALUE_LABELS,
};

describe('the vocabulary', () => {
  it.each(Object.entries(tables))('%s: every label is Chinese in zh and not the raw value', (_, table) => {
    for (const [value, label] of Object.entries(table)) {
      expect(label.zh, value).toMatch(/\p{Script=Han}/u);
      expect(label.zh, value).not.toBe(value);
      expect(label.en.length, value).toBeGreaterThan(0);
    }
  });

  it.each(Object.entries(tables))('%s: no two values share a Chinese label', (_, table) => {
    const labels = Object.values(table).map((l) => l.zh);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('says UNKNOWN one way: 无法判断', () => {
    expect(VERDICT_LABELS.UNKNOWN.zh).toBe('无法判断');
    expect(VERDICTS).toHaveLength(Object.keys(VERDICT_LABELS).length);
  });

  it('lists every audit action it labels', () => {
    expect(AUDIT_ACTIONS).toEqual(Object.keys(AUDIT_ACTION_LABELS));
    expect(AUDIT_ACTIONS).toContain('auth.sign-in-failed');
  });
});

describe(upstreamValue.name, () => {
  it('names a contract value in Chinese and keeps the upstream word beside it', () => {
    expect(upstreamValue('ywtbStatus', 'TESTING')).toEqual({
      zh: '试运行（TESTING）',
      en: 'testing (TESTING)',
    });
    expect(upstreamValue('networkZone', 'egov-extranet').zh).toBe('电子政务外网（egov-extranet）');
  });

  it('quotes a value outside the contract and names an empty one', () => {
    expect(upstreamValue('networkZone', 'egov_extranet')).toEqual({
      zh: '“egov_extranet”',
      en: '"egov_extranet"',
    });
    expect(upstreamValue('filingStatus', null).zh).toBe('（空）');
  });
});

describe(labelOf.name, () => {
  it('falls back to the value itself for one the table does not know', () => {
    expect(pick(labelOf(ALERT_SEVERITY_LABELS, 'critical'), 'zh')).toBe('严重');
    expect(labelOf(ALERT_SEVERITY_LABELS, 'fatal')).toEqual({ zh: 'fatal', en: 'fatal' });
  });
});
