import {
  ALERT_SEVERITY_LABELS,
  ALERT_STATUS_LABELS,
  DELIVERY_STATUS_LABELS,
  DISPUTE_STATUS_LABELS,
  EXEMPTION_STATUS_LABELS,
  type Language,
  RECTIFICATION_STATUS_LABELS,
  SEVERITY_LABELS,
  type Text,
  VERDICT_LABELS,
} from '@hub/vocabulary';
import type { Messages } from '../index';

/**
 * The hub's one vocabulary as i18n keys (`vocabulary.verdict.UNKNOWN`): the dashboard says a verdict,
 * a severity or a status in the same words as the opinion, the CLI and the reasons.
 */
const TABLES: Record<string, Readonly<Record<string, Text>>> = {
  verdict: VERDICT_LABELS,
  severity: SEVERITY_LABELS,
  alertSeverity: ALERT_SEVERITY_LABELS,
  alertStatus: ALERT_STATUS_LABELS,
  disputeStatus: DISPUTE_STATUS_LABELS,
  exemptionStatus: EXEMPTION_STATUS_LABELS,
  deliveryStatus: DELIVERY_STATUS_LABELS,
  rectificationStatus: RECTIFICATION_STATUS_LABELS,
};

function inLanguage(language: Language): Messages {
  return Object.fromEntries(
    Object.entries(TABLES).map(([name, table]) => [
      name,
      Object.fromEntries(Object.entries(table).map(([value, label]) => [value, label[language]])),
    ]),
  );
}

export default { zh: inLanguage('zh'), en: inLanguage('en') };
