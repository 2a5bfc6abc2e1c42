/**
 * The pack settings (thresholds) each rule reads, so that an administrator editing a setting sees
 * which rules it moves. Rules read their settings inline; rule-settings.spec.ts scans the rule
 * sources and fails when this table and the code disagree. Every rule also reads
 * `maxSourceAgeHours` through the engine; it is listed as pack-wide, not per rule.
 */
export const RULE_SETTINGS: Readonly<Record<string, readonly string[]>> = {
  'CZ-CLOUD-INTENSIVE': ['intensiveMaxCpuAvgPct', 'intensiveMinVcpu'],
  'CZ-DATA-SHARE': ['shareWindowDays', 'updateCycleDays'],
  'CZ-HUB': ['hubHeartbeatMaxAgeDays'],
  'CZ-MLPS-TIMELY': ['mlpsFilingDeadlineDays'],
  'CZ-PREREVIEW': ['procurementLimit'],
  'CZ-PREREVIEW-RELIABLE': ['procurementLimit'],
  'CZ-REVIEW-PATH': ['approvalThreshold', 'procurementLimit'],
  'CZ-SECURITY': ['securityEvalMaxAgeDaysLevel3', 'securityEvalMaxAgeDaysLevel4'],
  'CZ-SUPERVISION': ['procurementLimit'],
  'YY-ACCEPTANCE-PATH': ['acceptanceExpertMinInvestment'],
  'YY-CLOUD-NO-SELFBUILD': ['bigDataCentreUnitCodes', 'bigDataCentreUnitNames'],
  'YY-EXPERT-REVIEW': ['expertReviewMinInvestment'],
  'YY-KEY-DOMAIN': ['keyDomains'],
  'YY-MLPS-EVAL': ['mlpsEvalMaxAgeDaysLevel3', 'mlpsEvalMaxAgeDaysLevel4'],
  'YY-MLPS-TIMELY': ['mlpsFilingDeadlineDays'],
  'YY-OM-PERIOD': ['omPeriodMinMonths'],
  'YY-SUPERVISION': ['supervisionMinInvestment'],
  'YY-VIDEO': ['videoMinOnlineRatio'],
  'YY-YWTB': ['ywtbCaseReturnMaxAgeDays'],
};

/** Settings every rule of a pack depends on through the engine rather than its own code. */
export const PACK_WIDE_SETTINGS = ['maxSourceAgeHours'] as const;

export function settingsOfRule(ruleId: string): string[] {
  return [...(RULE_SETTINGS[ruleId] ?? [])];
}
