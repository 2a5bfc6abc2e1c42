import { evaluateProject } from '../engine';
import type { Basis, ReviewDomain, RuleDefinition, Severity } from '../model';
import {
  NOW,
  allSourcesFailed,
  buildFacts,
  compliantChenzhouInput,
  compliantYueyangInput,
} from '../testing/facts.factory';
import { chenzhouPack, yueyangPack } from '../testing/packs';
import { divisionName, allPacks, packFor } from './index';

const ZYueyangSettings = yueyangPack.settingsSchema;
const ZChenzhouSettings = chenzhouPack.settingsSchema;

type Row = [id: string, severity: Severity, clause: string];

/** Every row of obligations.md's Yueyang table, in its order. */
const YUEYANG_TABLE: Row[] = [
  ['YY-CLOUD-DEPLOY', 'blocking', '第六条'],
  ['YY-CLOUD-NO-SELFBUILD', 'blocking', '第六条'],
  ['YY-CLOUD-COUNTY', 'blocking', '第六条'],
  ['YY-NET-EGOV', 'blocking', '第六条'],
  ['YY-MLPS-PROD', 'blocking', '第三十二条'],
  ['YY-MLPS-EVAL', 'blocking', '公通字〔2007〕43号'],
  ['YY-CRYPTO', 'blocking', '第五条; national crypto rules'],
  ['YY-YWTB', 'blocking', '第六条'],
  ['YY-YWTB-NO-NEW', 'blocking', '第六条'],
  ['YY-YBYH', 'blocking', '第六条'],
  ['YY-VIDEO', 'blocking', '第六条'],
  ['YY-KEY-DOMAIN', 'blocking', '第六条'],
  ['YY-DATA-SHARE', 'blocking', '第一条; 国办发〔2019〕57号'],
  ['YY-PLAN', 'blocking', '第十、十一条'],
  ['YY-EXPERT-REVIEW', 'blocking', '第十三条'],
  ['YY-SUPERVISION', 'blocking', '第二十一条'],
  ['YY-PROCUREMENT-FILED', 'advisory', '第十九条'],
  ['YY-OM-PERIOD', 'advisory', '第十八条'],
  ['YY-ACCEPTANCE-PATH', 'blocking', '第二十五条'],
  ['YY-SECURITY-SYNC', 'advisory', '第二十八、二十九条'],
  ['YY-FINANCE-REVIEW', 'blocking', '第十六条'],
  ['YY-NETSEC-REVIEW', 'advisory', '第五条'],
  ['YY-ACCEPTANCE-FILED', 'advisory', '第二十五条(一), 第二十七条'],
  ['YY-MLPS-TIMELY', 'advisory', '公通字〔2007〕43号 第十五条'],
];

/** Every row of obligations.md's Chenzhou table, in its order. */
const CHENZHOU_TABLE: Row[] = [
  ['CZ-CLOUD', 'blocking', '第四条(一), 第十六条'],
  ['CZ-CLOUD-INTENSIVE', 'advisory', '第十六条'],
  ['CZ-DATA-AGG', 'blocking', '第四条(二)'],
  ['CZ-DATA-SHARE', 'blocking', '第十二条'],
  ['CZ-HUB', 'blocking', '第四条(三)'],
  ['CZ-NET', 'blocking', '第四条(四)'],
  ['CZ-SUPERVISION', 'blocking', '第十三条'],
  ['CZ-SECURITY', 'blocking', '第十四条, 第十六条'],
  ['CZ-CRYPTO', 'blocking', '第九条, 第十四条'],
  ['CZ-REVIEW-PATH', 'blocking', '第八条'],
  ['CZ-PREREVIEW', 'blocking', '第九条'],
  ['CZ-PLAN', 'blocking', '第六条'],
  ['CZ-ACCEPTANCE-FLOW', 'blocking', '第十六条'],
  ['CZ-PREREVIEW-RELIABLE', 'advisory', '第九条'],
  ['CZ-MLPS-TIMELY', 'advisory', '第十四条; 公通字〔2007〕43号 第十五条'],
];

/** Rules resting on national texts rather than a clause of the measures (obligations.md "National facts"). */
const NOT_LOCAL: Record<string, Basis> = {
  'YY-MLPS-EVAL': 'national-verified',
  'YY-DATA-SHARE': 'national-verified',
  'YY-MLPS-TIMELY': 'national-verified',
  'CZ-MLPS-TIMELY': 'national-verified',
};

const DOMAINS: readonly ReviewDomain[] = ['cloud', 'data-sharing', 'security', 'platforms', 'management'];

describe('policy packs', () => {
  describe.each([
    ['yueyang', yueyangPack, YUEYANG_TABLE],
    ['chenzhou', chenzhouPack, CHENZHOU_TABLE],
  ] as const)('%s', (packId, pack, table) => {
    const rules = pack.rules as readonly RuleDefinition<unknown>[];

    it('has exactly the rules of the obligations table, in its order', () => {
      expect(rules.map((r) => r.id)).toEqual(table.map(([id]) => id));
    });

    it.each(table)('%s has severity %s and clause %s', (id, severity, clause) => {
      expect(rules.find((r) => r.id === id)).toMatchObject({ id, pack: packId, severity, clause });
    });

    it('gives every rule the basis its source calls for', () => {
      for (const rule of rules)
        expect([rule.id, rule.basis]).toEqual([rule.id, NOT_LOCAL[rule.id] ?? 'local']);
    });

    it('gives every rule a review domain and a bilingual title and requirement', () => {
      for (const rule of rules) {
        expect(DOMAINS).toContain(rule.domain);
        for (const text of [rule.title, rule.requirement]) {
          expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
          expect(text.en.length).toBeGreaterThan(0);
        }
      }
    });

    it('is the pack the hub looks up by its id', () => {
      expect(packFor(packId)).toBe(pack);
    });

    it('lists its city first and then counties of the same prefecture, each code once', () => {
      const codes = pack.divisions.map((d) => d.code);
      expect(codes[0]).toBe(pack.divisionCode);
      expect(new Set(codes).size).toBe(codes.length);
      for (const code of codes) expect(code.slice(0, 4)).toBe(pack.divisionCode.slice(0, 4));
      for (const d of pack.divisions) expect(d.name).toMatch(/^[\u4e00-\u9fff]+[市区县]$/);
    });

    it('issues its opinions under its own office and 文号 prefix', () => {
      expect(pack.opinionIssuer.office).toContain(pack.divisions[0]!.name);
      expect(pack.opinionIssuer.title).toContain('技术审查意见');
      expect(pack.opinionIssuer.numberPrefix).toMatch(/^[\u4e00-\u9fff]{2,6}$/);
    });
  });

  it('gives each city a 文号 prefix of its own, so that their numbers never collide', () => {
    const prefixes = allPacks().map((p) => p.opinionIssuer.numberPrefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('names a division code as the city, or the city and the county; an unknown code has no name', () => {
    expect(divisionName('430600')).toEqual({ packId: 'yueyang', name: '岳阳市', cityLevel: true });
    expect(divisionName('431002')).toEqual({ packId: 'chenzhou', name: '郴州市北湖区', cityLevel: false });
    expect(divisionName('110000')).toBeNull();
  });

  it('keeps every rule id unique across both packs', () => {
    const ids = [...yueyangPack.rules, ...chenzhouPack.rules].map((r) => r.id);

    expect(new Set(ids).size).toBe(ids.length);
  });

  describe('a project that meets every obligation', () => {
    it.each([
      ['yueyang', () => evaluateProject(yueyangPack, buildFacts(compliantYueyangInput()), { now: NOW })],
      ['chenzhou', () => evaluateProject(chenzhouPack, buildFacts(compliantChenzhouInput()), { now: NOW })],
    ])('is ready for acceptance in %s, every rule passing or not applying', (_pack, evaluate) => {
      const sut = evaluate();

      expect(sut.findings.filter((f) => f.verdict !== 'PASS' && f.verdict !== 'NOT_APPLICABLE')).toEqual([]);
      expect(sut.readiness).toEqual({ ready: true, blockingRuleIds: [] });
    });

    it.each([
      ['yueyang', compliantYueyangInput],
      ['chenzhou', compliantChenzhouInput],
    ] as const)(
      'is not ready in %s while the upstreams are down: rules reading them give UNKNOWN, registry-only ones do not',
      (packId, input) => {
        const pack = packFor(packId);
        // YY-CLOUD-COUNTY does not apply to a city-level project, whatever its sources say.
        const readsUpstream = (rule: RuleDefinition<unknown>) =>
          rule.sources.length > 0 && rule.id !== 'YY-CLOUD-COUNTY';

        const sut = evaluateProject(pack, buildFacts({ ...input(), sources: allSourcesFailed() }), {
          now: NOW,
        });

        for (const rule of pack.rules) {
          const finding = sut.findings.find((f) => f.ruleId === rule.id)!;
          expect([rule.id, finding.verdict === 'UNKNOWN']).toEqual([rule.id, readsUpstream(rule)]);
        }
        expect(sut.readiness.ready).toBe(false);
      },
    );
  });

  describe('settings', () => {
    it('defaults Yueyang thresholds to the figures of obligations.md and the measures', () => {
      expect(ZYueyangSettings.parse({})).toEqual({
        maxSourceAgeHours: 48,
        orphanMinDays: 30,
        idleMaxCpuAvgPct: 5,
        idleMaxMemAvgPct: 20,
        evaluationDueWithinDays: 30,
        updateCycleDays: { REALTIME: 1, DAILY: 1, WEEKLY: 7, MONTHLY: 31, QUARTERLY: 92, YEARLY: 366 },
        bigDataCentreUnitNames: ['岳阳市大数据中心'],
        bigDataCentreUnitCodes: [],
        mlpsEvalMaxAgeDaysLevel3: 365,
        mlpsEvalMaxAgeDaysLevel4: 183,
        ywtbCaseReturnMaxAgeDays: 30,
        videoMinOnlineRatio: 0.9,
        keyDomains: ['协同办公', '智慧教育', '智慧医疗', '智慧应急'],
        expertReviewMinInvestment: 200,
        supervisionMinInvestment: 200,
        omPeriodMinMonths: 12,
        acceptanceExpertMinInvestment: 100,
        mlpsFilingDeadlineDays: 30,
        filingPendingMaxDays: 14,
      });
    });

    it('defaults Chenzhou thresholds to the figures of obligations.md and the measures', () => {
      expect(ZChenzhouSettings.parse({})).toEqual({
        maxSourceAgeHours: 48,
        orphanMinDays: 30,
        idleMaxCpuAvgPct: 5,
        idleMaxMemAvgPct: 20,
        evaluationDueWithinDays: 30,
        ywtbCaseReturnMaxAgeDays: 30,
        videoMinOnlineRatio: 0.9,
        intensiveMinVcpu: 4,
        intensiveMaxCpuAvgPct: 10,
        shareWindowDays: 30,
        updateCycleDays: { REALTIME: 1, DAILY: 1, WEEKLY: 7, MONTHLY: 31, QUARTERLY: 92, YEARLY: 366 },
        hubHeartbeatMaxAgeDays: 7,
        procurementLimit: 80,
        approvalThreshold: 1000,
        securityEvalMaxAgeDaysLevel3: 365,
        securityEvalMaxAgeDaysLevel4: 183,
        mlpsFilingDeadlineDays: 30,
        filingPendingMaxDays: 14,
      });
    });

    it('keeps the other update cycles at their defaults when one is overridden', () => {
      expect(ZChenzhouSettings.parse({ updateCycleDays: { MONTHLY: 40 } }).updateCycleDays).toMatchObject({
        MONTHLY: 40,
        DAILY: 1,
        YEARLY: 366,
      });
    });

    it('refuses a procurement limit above the approval threshold', () => {
      expect(ZChenzhouSettings.safeParse({ procurementLimit: 1200 }).success).toBe(false);
    });

    it('refuses a video ratio above 1', () => {
      expect(ZYueyangSettings.safeParse({ videoMinOnlineRatio: 1.5 }).success).toBe(false);
    });
  });
});
