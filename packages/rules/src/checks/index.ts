import { acceptanceOrder } from './acceptance-order.check';
import { acceptancePath } from './acceptance-path.check';
import { annualPlan } from './annual-plan.check';
import { cloudDeployment } from './cloud-deployment.check';
import { cloudExemption } from './cloud-exemption.waiver';
import { cloudUtilisation } from './cloud-utilisation.check';
import { countyLevel } from './county-level.condition';
import { cryptoAssessment } from './crypto-assessment.check';
import { dataGathered } from './data-gathered.check';
import { dataProvided } from './data-provided.check';
import { dataShared } from './data-shared.check';
import { declaredYes } from './declared-yes.check';
import { documentsOnRecord } from './documents-on-record.check';
import { domainNotReserved } from './domain-not-reserved.check';
import { evaluationAge } from './evaluation-age.check';
import { expression } from './expression.check';
import { filedAndEvaluated } from './filed-and-evaluated.check';
import { filingBeforeProduction } from './filing-before-production.check';
import { filingTimeliness } from './filing-timeliness.check';
import { hubHeartbeat } from './hub-heartbeat.check';
import { investmentAtLeast } from './investment-at-least.condition';
import { mobileService } from './mobile-service.check';
import type { CatalogueEntry } from './model';
import { networkZone } from './network-zone.check';
import { noSelfBuild } from './no-self-build.check';
import { omPeriod } from './om-period.check';
import { oneStopIntegration } from './one-stop-integration.check';
import { planOrDecision } from './plan-or-decision.check';
import { registryNotSet } from './registry-not-set.condition';
import { registrySet } from './registry-set.condition';
import { reviewPath } from './review-path.check';
import { tenantPurchaseMode } from './tenant-purchase-mode.check';
import { unitNotListed } from './unit-not-listed.condition';
import { videoOnlineRatio } from './video-online-ratio.check';

export * from './model';

/**
 * The check catalogue: every check, applicability condition and waiver a pack file may name, one
 * line each. A pack file names them by id; `npm run -w @hub/rules catalogue` writes the table of
 * docs/packs.md from this list.
 */
export const CHECKS: readonly CatalogueEntry[] = [
  cloudDeployment,
  networkZone,
  noSelfBuild,
  tenantPurchaseMode,
  cloudUtilisation,
  filingBeforeProduction,
  evaluationAge,
  filedAndEvaluated,
  cryptoAssessment,
  filingTimeliness,
  oneStopIntegration,
  mobileService,
  hubHeartbeat,
  videoOnlineRatio,
  domainNotReserved,
  dataShared,
  dataGathered,
  dataProvided,
  annualPlan,
  planOrDecision,
  documentsOnRecord,
  declaredYes,
  omPeriod,
  acceptancePath,
  acceptanceOrder,
  reviewPath,
  expression,
  investmentAtLeast,
  countyLevel,
  unitNotListed,
  registrySet,
  registryNotSet,
  cloudExemption,
] as unknown as readonly CatalogueEntry[];

/** The catalogue entry of that id, if any. */
export const catalogueEntry = (id: string): CatalogueEntry | undefined => CHECKS.find((c) => c.id === id);
