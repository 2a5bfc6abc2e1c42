import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyPackId, SourceId } from '@hub/contracts';
import { evaluateProject } from '../engine';
import type { RuleDefinition, Verdict } from '../model';
import {
  NOW,
  allSourcesFailed,
  buildFacts,
  compliantChenzhouInput,
  compliantYueyangCountyInput,
  compliantYueyangInput,
  failedSource,
  sourceTitleOf,
  type FactsInput,
} from '../testing/facts.factory';
import { buildExemption, findingOf } from '../testing/rules.factory';
import { allPacks, packIds, packFor, type AnyPolicyPack } from './index';

/**
 * The verdicts each rule's own logic (its `appliesTo` and `evaluate`) can give, which its own spec
 * must show. WAIVED through a hub exemption and UNKNOWN from a source the engine distrusts are the
 * engine's, given by every rule and proved for each one below.
 */
const OWN_VERDICTS: Record<string, readonly Verdict[]> = {
  'YY-CLOUD-DEPLOY': ['PASS', 'FAIL', 'NOT_APPLICABLE', 'WAIVED'],
  'YY-CLOUD-NO-SELFBUILD': ['PASS', 'FAIL', 'NOT_APPLICABLE', 'UNKNOWN'],
  'YY-CLOUD-COUNTY': ['PASS', 'FAIL', 'NOT_APPLICABLE', 'UNKNOWN'],
  'YY-NET-EGOV': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
  'YY-MLPS-PROD': ['PASS', 'FAIL', 'NOT_APPLICABLE', 'UNKNOWN'],
  'YY-MLPS-EVAL': ['PASS', 'FAIL', 'NOT_APPLICABLE', 'UNKNOWN'],
  'YY-CRYPTO': ['PASS', 'FAIL', 'NOT_APPLICABLE', 'UNKNOWN'],
  'YY-YWTB': ['PASS', 'FAIL', 'NOT_APPLICABLE', 'UNKNOWN'],
  'YY-YWTB-NO-NEW': ['PASS', 'FAIL', 'UNKNOWN'],
  'YY-YBYH': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
  'YY-VIDEO': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
  'YY-KEY-DOMAIN': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
  'YY-DATA-SHARE': ['PASS', 'FAIL', 'NOT_APPLICABLE', 'UNKNOWN'],
  'YY-PLAN': ['PASS', 'FAIL'],
  'YY-EXPERT-REVIEW': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
  'YY-SUPERVISION': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
  'YY-PROCUREMENT-FILED': ['PASS', 'FAIL'],
  'YY-OM-PERIOD': ['PASS', 'FAIL'],
  'YY-ACCEPTANCE-PATH': ['PASS', 'FAIL', 'UNKNOWN'],
  'YY-SECURITY-SYNC': ['PASS', 'FAIL'],
  'YY-FINANCE-REVIEW': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
  'YY-NETSEC-REVIEW': ['PASS', 'FAIL'],
  'YY-ACCEPTANCE-FILED': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
  'YY-MLPS-TIMELY': ['PASS', 'FAIL', 'NOT_APPLICABLE', 'UNKNOWN'],
  'CZ-CLOUD': ['PASS', 'FAIL', 'NOT_APPLICABLE', 'WAIVED'],
  'CZ-CLOUD-INTENSIVE': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
  'CZ-DATA-AGG': ['PASS', 'FAIL', 'NOT_APPLICABLE', 'UNKNOWN'],
  'CZ-DATA-SHARE': ['PASS', 'FAIL', 'NOT_APPLICABLE', 'UNKNOWN'],
  'CZ-HUB': ['PASS', 'FAIL', 'NOT_APPLICABLE', 'UNKNOWN'],
  'CZ-NET': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
  'CZ-SUPERVISION': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
  'CZ-SECURITY': ['PASS', 'FAIL', 'NOT_APPLICABLE', 'UNKNOWN'],
  'CZ-CRYPTO': ['PASS', 'FAIL', 'NOT_APPLICABLE', 'UNKNOWN'],
  'CZ-REVIEW-PATH': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
  'CZ-PREREVIEW': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
  'CZ-PLAN': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
  'CZ-ACCEPTANCE-FLOW': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
  'CZ-PREREVIEW-RELIABLE': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
  'CZ-MLPS-TIMELY': ['PASS', 'FAIL', 'NOT_APPLICABLE', 'UNKNOWN'],
};

/**
 * Factory inputs under which a rule's registry applicability may hold, tried in order: the compliant
 * city-level project, then (Yueyang) the same at county level, where YY-CLOUD-COUNTY and YY-KEY-DOMAIN
 * apply. Every record is one that passes, so a verdict other than PASS is the case's doing.
 */
const CANDIDATES: Record<PolicyPackId, readonly (() => FactsInput)[]> = {
  yueyang: [() => compliantYueyangInput(), () => compliantYueyangCountyInput()],
  chenzhou: [() => compliantChenzhouInput()],
};

/**
 * A FAIL case for each national-unverified rule. None is left: both cities' measures make the
 * cryptography duty their own (obligations.md), so YY-CRYPTO and CZ-CRYPTO are local. A rule a city
 * adds from practice comes with its case here.
 */
const FAIL_CASES: Record<string, () => FactsInput> = {};

type Row = [id: string, pack: AnyPolicyPack, rule: RuleDefinition<unknown>];

const ROWS: Row[] = allPacks().flatMap((pack) =>
  (pack.rules as readonly RuleDefinition<unknown>[]).map((rule): Row => [rule.id, pack, rule]),
);
const SOURCE_ROWS = ROWS.flatMap(([id, pack, rule]) =>
  rule.sources.map((source): [string, SourceId, AnyPolicyPack, RuleDefinition<unknown>] => [
    id,
    source,
    pack,
    rule,
  ]),
);
const REGISTRY_ONLY = ROWS.filter(([, , rule]) => rule.sources.length === 0);
const UNVERIFIED = ROWS.filter(([, , rule]) => rule.basis === 'national-unverified');

/** The first candidate input whose project the rule's registry applicability accepts. */
function applyingInput(pack: AnyPolicyPack, rule: RuleDefinition<unknown>): FactsInput {
  const settings: unknown = pack.settingsSchema.parse({});
  for (const candidate of CANDIDATES[pack.id] ?? []) {
    const input = candidate();
    if (rule.appliesTo?.(input.project!, settings).applies ?? true) return input;
  }
  throw new Error(`no factory project makes ${rule.id} apply: add one to CANDIDATES`);
}

const specFile = (id: string) => `${id.toLowerCase()}.rule.spec.ts`;
const packDir = (packId: PolicyPackId) => join(__dirname, packId);

describe('verdict coverage of every rule of both packs', () => {
  it('lists the own verdicts of exactly the rules of both packs', () => {
    expect(Object.keys(OWN_VERDICTS).sort()).toEqual(ROWS.map(([id]) => id).sort());
  });

  it.each(ROWS)(
    '%s lists NOT_APPLICABLE for a registry applicability and WAIVED for a registry waiver',
    (id, _pack, rule) => {
      if (rule.appliesTo) expect(OWN_VERDICTS[id]).toContain('NOT_APPLICABLE');
      if (rule.waiver) expect(OWN_VERDICTS[id]).toContain('WAIVED');
    },
  );

  it.each(ROWS)(
    '%s is applied to a factory project that passes it with every source synced',
    (id, pack, rule) => {
      const finding = findingOf(
        evaluateProject(pack, buildFacts(applyingInput(pack, rule)), { now: NOW }),
        id,
      );

      expect([id, finding.verdict]).toEqual([id, 'PASS']);
    },
  );

  describe('WAIVED by an exemption approved in the hub', () => {
    it.each(ROWS)(
      '%s gives WAIVED naming who approved its exemption, its document number and validity',
      (id, pack, rule) => {
        const exemption = buildExemption({ authority: '市数据局', validUntil: '2025-12-31' });

        const evaluation = evaluateProject(pack, buildFacts(applyingInput(pack, rule)), {
          now: NOW,
          exemptions: new Map([[id, exemption]]),
        });

        const finding = findingOf(evaluation, id);
        expect(finding).toMatchObject({ verdict: 'WAIVED', reason: exemption.reason, evidence: [] });
        expect(finding.reason.zh).toBe(
          `已豁免：市数据局批准（${exemption.documentNo}），有效期至 2025-12-31`,
        );
        expect(finding.reason.en).toContain(exemption.documentNo);
        expect(finding.warningOnly).toBe(false);
        expect(evaluation.findings.filter((f) => f.verdict === 'WAIVED').map((f) => f.ruleId)).toEqual([id]);
        expect(evaluation.readiness.blockingRuleIds).not.toContain(id);
      },
    );

    it.each(ROWS)('%s is waived before the engine looks at its sources', (id, pack, rule) => {
      const exemption = buildExemption();

      const finding = findingOf(
        evaluateProject(pack, buildFacts({ ...applyingInput(pack, rule), sources: allSourcesFailed() }), {
          now: NOW,
          exemptions: new Map([[id, exemption]]),
        }),
        id,
      );

      expect(finding).toMatchObject({ verdict: 'WAIVED', reason: exemption.reason });
    });

    it.each(ROWS)('%s is not waived by the exemptions of every other rule', (id, pack, rule) => {
      const others = ROWS.filter(([other]) => other !== id);

      const finding = findingOf(
        evaluateProject(pack, buildFacts(applyingInput(pack, rule)), {
          now: NOW,
          exemptions: new Map(others.map(([other]) => [other, buildExemption()])),
        }),
        id,
      );

      expect(finding.verdict).toBe('PASS');
    });
  });

  describe('UNKNOWN when a source the rule reads cannot be trusted', () => {
    it.each(SOURCE_ROWS)(
      '%s gives UNKNOWN naming the %s when its last sync failed',
      (id, source, pack, rule) => {
        const error = `HTTP 503 from ${source}`;

        const finding = findingOf(
          evaluateProject(
            pack,
            buildFacts({ ...applyingInput(pack, rule), sources: { [source]: failedSource(source, error) } }),
            { now: NOW },
          ),
          id,
        );

        expect(finding.verdict).toBe('UNKNOWN');
        expect(finding.reason).toEqual({
          zh: `${sourceTitleOf(source).zh}最近一次同步失败：${error}`,
          en: `The last sync of the ${sourceTitleOf(source).en} failed: ${error}`,
        });
        expect(finding.evidence).toEqual([]);
      },
    );

    it.each(SOURCE_ROWS.filter(([, source, , rule]) => rule.sources[0] === source))(
      '%s gives UNKNOWN naming the %s, the first it reads, when every upstream is down, blocking when blocking',
      (id, source, pack, rule) => {
        const evaluation = evaluateProject(
          pack,
          buildFacts({ ...applyingInput(pack, rule), sources: allSourcesFailed() }),
          { now: NOW },
        );

        const finding = findingOf(evaluation, id);
        expect(finding.verdict).toBe('UNKNOWN');
        expect(finding.reason.zh).toBe(`${sourceTitleOf(source).zh}最近一次同步失败：HTTP 503`);
        expect(evaluation.readiness.blockingRuleIds.includes(id)).toBe(rule.severity === 'blocking');
      },
    );

    it.each(REGISTRY_ONLY)(
      '%s reads no source: an outage of every upstream leaves its PASS',
      (id, pack, rule) => {
        const finding = findingOf(
          evaluateProject(pack, buildFacts({ ...applyingInput(pack, rule), sources: allSourcesFailed() }), {
            now: NOW,
          }),
          id,
        );

        expect(finding.verdict).toBe('PASS');
      },
    );
  });

  describe('a national-unverified rule confirmed for the city', () => {
    it('has a FAIL case for every national-unverified rule', () => {
      expect(Object.keys(FAIL_CASES).sort()).toEqual(UNVERIFIED.map(([id]) => id).sort());
    });

    it.each(UNVERIFIED)('%s shows its FAIL as a warning until confirmed, then blocks', (id, pack) => {
      const facts = buildFacts(FAIL_CASES[id]!());

      const unconfirmed = evaluateProject(pack, facts, { now: NOW });
      const otherConfirmed = evaluateProject(pack, facts, {
        now: NOW,
        confirmedRuleIds: new Set(UNVERIFIED.map(([other]) => other).filter((other) => other !== id)),
      });
      const confirmed = evaluateProject(pack, facts, { now: NOW, confirmedRuleIds: new Set([id]) });

      const warning = findingOf(unconfirmed, id);
      expect(warning).toMatchObject({ verdict: 'FAIL', basis: 'national-unverified', warningOnly: true });
      expect(warning.evidence).toEqual(facts.mlps.filings.map((f) => f.evidence));
      expect(unconfirmed.readiness.blockingRuleIds).not.toContain(id);
      expect(findingOf(otherConfirmed, id).warningOnly).toBe(true);
      expect(findingOf(confirmed, id)).toEqual({ ...warning, warningOnly: false });
      expect(confirmed.readiness.blockingRuleIds).toContain(id);
    });
  });

  describe('evidence for every line', () => {
    /** Inputs that reach each kind of verdict: the compliant project, one with nothing, outages, a waiver. */
    const scenarios = (pack: AnyPolicyPack, rule: RuleDefinition<unknown>): [string, FactsInput][] => {
      const applying = applyingInput(pack, rule);
      return [
        ['compliant', applying],
        ['no upstream record', { project: applying.project }],
        ['every upstream down', { ...applying, sources: allSourcesFailed() }],
        ['classified', { ...applying, project: { ...applying.project!, classified: true } }],
        [
          'cloud exemption',
          { ...applying, project: { ...applying.project!, cloudExemptionRef: '政数函〔2025〕2号' } },
        ],
      ];
    };

    it.each(ROWS)('%s cites an upstream record or a registry cell in every finding', (id, pack, rule) => {
      for (const [name, input] of scenarios(pack, rule)) {
        for (const exemptions of [undefined, new Map([[id, buildExemption()]])]) {
          const finding = findingOf(
            evaluateProject(pack, buildFacts(input), { now: NOW, ...(exemptions ? { exemptions } : {}) }),
            id,
          );
          const items = finding.evidence.length + (finding.registry?.cells.length ?? 0);
          expect([id, name, finding.verdict, items > 0]).toEqual([id, name, finding.verdict, true]);
        }
      }
    });

    it.each(ROWS)('%s cites the import, row and cells of the registry it read', (id, pack, rule) => {
      const provenance = {
        importId: 'imp-1',
        fileName: '2025年度项目台账.xlsx',
        sha256: 'c'.repeat(64),
        importedAt: '2025-06-01T01:00:00.000Z',
        importedBy: '张工',
        rowNumber: 12,
      };

      const finding = findingOf(
        evaluateProject(
          pack,
          { ...buildFacts(applyingInput(pack, rule)), registry: provenance },
          { now: NOW },
        ),
        id,
      );

      if (finding.registry) expect(finding.registry).toMatchObject({ type: 'registry', ...provenance });
      for (const cell of finding.registry?.cells ?? []) expect(cell.header).toMatch(/[\u4e00-\u9fff]/);
    });
  });

  describe('every rule has its own spec', () => {
    it.each(ROWS)(
      '%s is specified in its own spec file, which judges the requirement of its pack file',
      (id, pack) => {
        const files = readdirSync(packDir(pack.id));

        expect(files).toContain(specFile(id));
        expect(readFileSync(join(packDir(pack.id), specFile(id)), 'utf8')).toContain(`builtinRule('${id}')`);
      },
    );

    it.each(ROWS)('%s has its own spec asserting each verdict its own logic can give', (id, pack) => {
      const text = readFileSync(join(packDir(pack.id), specFile(id)), 'utf8');

      for (const verdict of OWN_VERDICTS[id] ?? []) {
        expect([id, verdict, new RegExp(`(toBe\\(|verdict: )'${verdict}'`).test(text)]).toEqual([
          id,
          verdict,
          true,
        ]);
      }
    });

    it.each(packIds())('%s has no rule spec without a rule', (packId) => {
      const specs = readdirSync(packDir(packId)).filter((f) => f.endsWith('.rule.spec.ts'));

      expect(specs.sort()).toEqual(
        packFor(packId)
          .rules.map((r) => specFile(r.id))
          .sort(),
      );
    });
  });
});
