import {
  PROJECT_CATEGORIES,
  PROJECT_DOMAINS,
  PROJECT_LIMITS,
  creditCodeCheckChar,
  unsafeTextProblem,
  type TProject,
} from '@hub/contracts';
import fc from 'fast-check';

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Text as the parser hands it back: trimmed and never empty, any Unicode the hub accepts. */
const text = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0 && unsafeTextProblem(s) === null);
const optionalText = fc.option(text, { nil: null });
const optionalFlag = fc.option(fc.boolean(), { nil: null });
const date = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const optionalDate = fc.option(date, { nil: null });

/** Any valid project, in the normal form the parser produces. */
export const projectArbitrary: fc.Arbitrary<TProject> = fc.record({
  code: fc.stringMatching(/^[0-9]{2}-[0-9]{6}-[0-9]{4}$/),
  name: text,
  unitName: text,
  unitCode: fc
    .array(fc.constantFrom(...CREDIT_ALPHABET), { minLength: 17, maxLength: 17 })
    .map((chars) => chars.join('') + creditCodeCheckChar(chars.join(''))),
  region: fc.stringMatching(/^[0-9]{6}$/),
  policyPack: fc.constantFrom('yueyang', 'chenzhou', 'shili-city'),
  investment: fc
    .tuple(
      fc.bigInt({ min: 0n, max: 10n ** BigInt(PROJECT_LIMITS.investmentIntegerDigits) - 1n }),
      fc.option(fc.stringMatching(/^[0-9]{0,4}[1-9]$/), { nil: null }),
    )
    .map(([int, frac]) => (frac === null ? String(int) : `${int}.${frac}`)),
  category: fc.constantFrom(...PROJECT_CATEGORIES),
  domain: fc.constantFrom(...PROJECT_DOMAINS),
  systemNames: fc.array(
    text.filter((s) => !/[;；]/.test(s)),
    { minLength: 1, maxLength: 4 },
  ),
  planYear: fc.option(fc.integer({ min: 1000, max: 9999 }), { nil: null }),
  supplementaryPlan: optionalFlag,
  caseByCaseDecision: optionalText,
  classified: fc.boolean(),
  internalUseOnly: fc.boolean(),
  govServiceSystem: fc.boolean(),
  hasMobileChannel: fc.boolean(),
  standaloneMobileApp: optionalFlag,
  hasVideoInfrastructure: fc.boolean(),
  buildsCloudOrDataCentre: optionalFlag,
  buildsServicePlatform: optionalFlag,
  hasDataResources: fc.boolean(),
  isApplicationPlatform: optionalFlag,
  cloudExemptionRef: optionalText,
  approvedOn: optionalDate,
  contractSignedOn: optionalDate,
  preliminaryAcceptanceOn: optionalDate,
  trialStartOn: optionalDate,
  trialEndOn: optionalDate,
  acceptanceAppliedOn: optionalDate,
  expertReviewRef: optionalText,
  technicalReviewRef: optionalText,
  financialReviewRef: optionalText,
  supervisionContractRef: optionalText,
  procurementFiled: optionalFlag,
  omPeriodMonths: fc.option(fc.nat({ max: 600 }), { nil: null }),
  securityPlan: optionalFlag,
  omPlan: optionalFlag,
  securityPrereviewRef: optionalText,
  cryptoPrereviewRef: optionalText,
  acceptedOn: optionalDate,
  reliabilityPrereviewRef: optionalText,
  eArchivePrereviewRef: optionalText,
  acceptanceFiled: optionalFlag,
});

/** Lists of valid projects with distinct codes, as a registry file must hold them. */
export const projectListArbitrary = (maxLength: number) =>
  fc.uniqueArray(projectArbitrary, { minLength: 1, maxLength, selector: (p) => p.code });
