import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  isValidCreditCode,
  MLPS_FILING_NO_PATTERN,
  type PolicyPackId,
  type TGovCloudResource,
  type TProject,
  ZGovCloudResource,
  ZMlpsFiling,
  ZProject,
  ZSandboxDataset,
} from '@hub/contracts';
import { parseRegistryFile } from '@hub/registry';
import { evaluateProject, packFor, packIds, systemNameKey, type Verdict } from '@hub/rules';
import { SandboxUsageError } from '../framework/sandbox-error';
import {
  type DemoCity,
  DEMO_MIN_PROJECTS,
  type DesignedProject,
  generateDemoCity,
} from './demo-city.generator';
import { DEMO_CITIES, type DemoPackId } from './demo-catalogue';
import { writeDemoCity } from './demo-city.writer';
import { DEMO_RULE_IDS, type DesignedVerdict } from './demo-scenarios';
import { assembleFacts, isStored, KINDS } from './testing/demo-facts';

const yueyangPack = packFor('yueyang');

const NOW = '2025-06-30T09:00:00+08:00';
const DAY = 86_400_000;

type Payload = Record<string, unknown>;

/** Every rule's verdict for every project of a city, from the real engine on facts assembled as the hub does. */
function verdictsOf(
  city: DemoCity,
  now = NOW,
): Map<string, { verdicts: Record<string, Verdict>; ready: boolean }> {
  const facts = assembleFacts(city.dataset, city.projects, now);
  return new Map(
    city.projects.map((p) => {
      const evaluation = evaluateProject(packFor(p.policyPack), facts.get(p.code)!, { now });
      return [
        p.code,
        {
          verdicts: Object.fromEntries(evaluation.findings.map((f) => [f.ruleId, f.verdict])),
          ready: evaluation.readiness.ready,
        },
      ];
    }),
  );
}

/** Rules whose verdict differs from the designed one, each named with both verdicts. */
function mismatches(designed: DesignedProject, got: Record<string, Verdict>): string[] {
  const rules = [...new Set([...Object.keys(designed.expected), ...Object.keys(got)])];
  return rules
    .filter((rule) => designed.expected[rule] !== got[rule])
    .map((rule) => `${rule}: expected ${designed.expected[rule] ?? '(none)'}, got ${got[rule] ?? '(none)'}`);
}

/** Records of one kind the connectors would reject, described by kind and failing fields. */
function rejected(city: DemoCity): string[] {
  return KINDS.flatMap((spec) =>
    spec
      .items(city.dataset)
      .filter((r) => !isStored(spec, r))
      .map((r) => {
        const parsed = spec.schema.safeParse(r);
        const paths = parsed.success
          ? 'outside the city'
          : parsed.error.issues.map((i) => i.path.join('.')).join(',');
        return `${spec.source}/${spec.kind}: ${paths}`;
      }),
  );
}

describe(generateDemoCity.name, () => {
  const sut = generateDemoCity({ now: NOW });
  const projectsByCode = new Map(sut.projects.map((p) => [p.code, p]));
  const stored = (kind: string) => {
    const spec = KINDS.find((k) => k.kind === kind)!;
    return spec.items(sut.dataset).filter((r) => isStored(spec, r)) as Payload[];
  };
  const validResources = stored('resource') as unknown as TGovCloudResource[];

  it('gives the same city for the same now and seed', () => {
    const again = generateDemoCity({ now: NOW });

    expect(JSON.stringify(again)).toBe(JSON.stringify(sut));
  });

  it('gives another city for another seed', () => {
    const other = generateDemoCity({ now: NOW, seed: 99 });

    expect(JSON.stringify(other.dataset)).not.toBe(JSON.stringify(sut.dataset));
    expect(other.designed.map((d) => d.scenario)).toEqual(sut.designed.map((d) => d.scenario));
    expect(other.designed.map((d) => d.code)).toEqual(sut.designed.map((d) => d.code));
  });

  it('builds 96 projects by default and exactly the number asked for', () => {
    expect(sut.projects).toHaveLength(96);
    expect(generateDemoCity({ now: NOW, projects: 120 }).projects).toHaveLength(120);
  });

  it.each([[79], [80.5], [Number.NaN]])('refuses %s projects', (projects) => {
    expect(() => generateDemoCity({ now: NOW, projects })).toThrow(SandboxUsageError);
  });

  it('refuses a now without an offset', () => {
    expect(() => generateDemoCity({ now: '2025-06-30 09:00:00' })).toThrow(/now/);
  });

  it('builds at least 80 valid projects of both cities, city and county level, with unique codes', () => {
    expect(sut.projects.length).toBeGreaterThanOrEqual(DEMO_MIN_PROJECTS);
    for (const project of sut.projects) {
      expect(ZProject.safeParse(project).error).toBeUndefined();
      expect(isValidCreditCode(project.unitCode)).toBe(true);
      expect(project.code.slice(3, 9)).toBe(project.region);
    }
    expect(projectsByCode.size).toBe(sut.projects.length);
    const regions = new Set(sut.projects.map((p) => p.region));
    for (const region of ['430600', '431000']) expect(regions).toContain(region);
    expect([...regions].filter((r) => r.startsWith('4306') && r !== '430600').length).toBeGreaterThanOrEqual(
      3,
    );
    expect([...regions].filter((r) => r.startsWith('4310') && r !== '431000').length).toBeGreaterThanOrEqual(
      3,
    );
    expect(
      sut.projects.filter((p) => p.policyPack === 'yueyang').every((p) => p.region.startsWith('4306')),
    ).toBe(true);
    expect(
      sut.projects.filter((p) => p.policyPack === 'chenzhou').every((p) => p.region.startsWith('4310')),
    ).toBe(true);
  });

  it('keeps system names apart within each unit, so that no record is suggested by accident', () => {
    const keys = sut.projects.flatMap((p) => p.systemNames.map((n) => `${p.unitCode}|${systemNameKey(n)}`));

    expect(new Set(keys).size).toBe(keys.length);
  });

  it('produces a dataset that parses as a sandbox dataset with now as given', () => {
    expect(ZSandboxDataset.parse(sut.dataset).now).toBe(NOW);
  });

  it('fills all five upstream systems', () => {
    const d = sut.dataset;
    for (const list of [
      d.govCloud.tenants,
      d.govCloud.resources,
      d.dataExchange.systems,
      d.dataExchange.catalog,
      d.dataExchange.stats,
      d.mlps.filings,
      d.video.platforms,
      d.video.devices,
      d.servicePlatforms.ywtb,
      d.servicePlatforms.ybyh,
      d.servicePlatforms.brain,
    ]) {
      expect(list.length).toBeGreaterThan(0);
    }
  });

  it('makes every record valid except the deliberately invalid ones: strays in every source, and those of designed projects', () => {
    const strays = [
      'gov-cloud/tenant: createdAt',
      'gov-cloud/resource: networkZone',
      'gov-cloud/resource: resourceId',
      'gov-cloud/resource: updatedAt',
      'data-exchange/system: accessStatus',
      'data-exchange/catalog-entry: lastDataUpdateAt',
      'mlps/filing: filingNo',
      'mlps/filing: filedAt',
      'video/device: outside the city',
      'video/device: deviceId',
      'service-platforms/ywtb-system: status',
      'service-platforms/brain-app: lastHeartbeatAt',
    ];
    const ofProjects = [
      'gov-cloud/tenant: purchaseMode',
      'gov-cloud/resource: networkZone',
      'gov-cloud/resource: networkZone',
      'data-exchange/system: accessStatus',
      'data-exchange/catalog-entry: lastDataUpdateAt',
      'data-exchange/catalog-entry: lastDataUpdateAt',
      'data-exchange/exchange-stats: lastExchangeAt',
      'mlps/filing: filedAt',
      'mlps/filing: filingNo',
      'video/platform: cascadeStatus',
      'video/device: status',
      'video/device: status',
      'service-platforms/ywtb-system: status',
      'service-platforms/ybyh-service: status',
      'service-platforms/brain-app: lastHeartbeatAt',
    ];

    expect(rejected(sut).sort()).toEqual([...strays, ...ofProjects].sort());
  });

  describe('invalid records', () => {
    const facts = assembleFacts(sut.dataset, sut.projects, NOW);
    const designedCodes = new Set(sut.designed.map((d) => d.code));
    const untrusted = [...facts].flatMap(([code, f]) =>
      (f.untrusted ?? []).map((u) => ({
        code,
        record: u,
        key: `${u.evidence.kind}|${u.evidence.externalId}`,
      })),
    );

    it('give a designed project an untrusted record of every kind of every source, each of one project only', () => {
      expect(new Set(untrusted.map((u) => u.record.evidence.kind))).toEqual(
        new Set(KINDS.map((k) => k.kind)),
      );
      for (const u of untrusted) expect(designedCodes, u.key).toContain(u.code);
      expect(new Set(untrusted.map((u) => u.key)).size).toBe(untrusted.length);
    });

    it('name their record and field in every verdict of a rule reading their kind, UNKNOWN or standing with a note', () => {
      for (const { code, record } of untrusted) {
        const project = projectsByCode.get(code)!;
        const evaluation = evaluateProject(packFor(project.policyPack), facts.get(code)!, { now: NOW });
        const citing = evaluation.findings.filter((f) =>
          f.evidence.some(
            (e) => e.kind === record.evidence.kind && e.externalId === record.evidence.externalId,
          ),
        );

        expect(citing.length, `${code} ${record.evidence.kind}`).toBeGreaterThan(0);
        for (const f of citing) {
          expect(f.reason.zh, `${code} ${f.ruleId}`).toContain(record.evidence.untrusted.zh);
          if (f.verdict !== 'UNKNOWN') expect(f.reason.zh).toContain('均不影响本结论');
        }
      }
    });

    it('stay record problems of no project when they sit on units with no project', () => {
      const attributed = new Set(untrusted.map((u) => u.key));
      const unitCodes = new Set(sut.projects.map((p) => p.unitCode));
      const tenants = new Map(
        (sut.dataset.govCloud.tenants as Payload[]).map((t) => [
          String(t['tenantId']),
          String(t['unitCode']),
        ]),
      );
      const systems = new Map(
        (sut.dataset.dataExchange.systems as Payload[]).map((x) => [String(x['systemId']), x]),
      );
      const strays = KINDS.flatMap((spec) =>
        (spec.items(sut.dataset) as Payload[])
          .filter((r) => !isStored(spec, r) && !attributed.has(`${spec.kind}|${spec.id(r)}`))
          .map((record) => ({ spec, record })),
      );

      expect(strays.length).toBeGreaterThanOrEqual(12);
      for (const { spec, record } of strays) {
        expect(record['projectCode'] ?? null).toBeNull();
        const unit =
          spec.kind === 'resource'
            ? tenants.get(String(record['tenantId']))
            : spec.kind === 'catalog-entry'
              ? systems.get(String(record['systemId']))?.['unitCode']
              : (record['unitCode'] ?? record['ownerUnitCode']);
        expect(unitCodes, `${spec.kind} ${spec.id(record)}`).not.toContain(unit);
      }
    });
  });

  it('gives the records of each kind unique ids', () => {
    for (const spec of KINDS) {
      const ids = stored(spec.kind).map((r) => spec.id(r));

      expect(new Set(ids).size, spec.kind).toBe(ids.length);
    }
    const gbCodes = [...stored('platform'), ...stored('device')].map(
      (r) => (r['deviceId'] ?? r['platformId']) as string,
    );
    expect(new Set(gbCodes).size).toBe(gbCodes.length);
  });

  it('writes ISO times with +08:00 and MLPS times as zone-less Beijing time, all in the past of now', () => {
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
    const timeFields = [
      'createdAt',
      'updatedAt',
      'connectedAt',
      'modifiedAt',
      'lastDataUpdateAt',
      'lastExchangeAt',
    ];
    const more = [
      'lastKeepaliveAt',
      'registeredAt',
      'lastCaseReturnAt',
      'onlineAt',
      'publishedAt',
      'lastHeartbeatAt',
    ];
    for (const spec of KINDS.filter((k) => k.source !== 'mlps')) {
      for (const record of stored(spec.kind)) {
        for (const field of [...timeFields, ...more]) {
          const time = record[field];
          if (time == null) continue;
          expect(time, `${spec.kind}.${field}`).toMatch(iso);
          expect(Date.parse(time as string)).toBeLessThanOrEqual(Date.parse(NOW));
        }
      }
    }
    const local = (t: string) => Date.parse(`${t.replace(' ', 'T')}+08:00`);
    for (const filing of stored('filing').map((f) => ZMlpsFiling.parse(f))) {
      const times = [
        filing.updatedAt,
        filing.gradedAt,
        filing.filedAt,
        ...(filing.evaluations ?? []).map((e) => e.evaluatedAt),
        ...(filing.cryptoAssessments ?? []).map((a) => a.assessedAt),
      ].filter((t): t is string => t != null);
      for (const t of times) {
        expect(t).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
        expect(local(t)).toBeLessThanOrEqual(Date.parse(NOW));
      }
      expect(local(filing.updatedAt)).toBe(Math.max(...times.map(local)));
    }
    for (const r of validResources)
      expect(Date.parse(r.updatedAt)).toBeGreaterThanOrEqual(Date.parse(r.createdAt));
  });

  it('numbers filings and codes devices for the city they belong to', () => {
    for (const filing of stored('filing')) {
      expect(filing['filingNo']).toMatch(MLPS_FILING_NO_PATTERN);
      expect(['430600', '431000']).toContain(String(filing['filingNo']).slice(0, 6));
    }
    for (const device of stored('device')) {
      const project = projectsByCode.get(String(device['projectCode']));
      if (project) expect(String(device['deviceId']).slice(0, 6)).toBe(project.region);
    }
  });

  it('moves every time with now', () => {
    const later = generateDemoCity({ now: '2025-07-10T09:00:00+08:00' });
    const first = sut.dataset.govCloud.resources[0] as TGovCloudResource;
    const moved = later.dataset.govCloud.resources[0] as TGovCloudResource;
    const filing = (c: DemoCity) => (c.dataset.mlps.filings[0] as Payload)['updatedAt'] as string;
    const local = (t: string) => Date.parse(`${t.replace(' ', 'T')}+08:00`);

    expect(Date.parse(moved.createdAt) - Date.parse(first.createdAt)).toBe(10 * DAY);
    expect(local(filing(later)) - local(filing(sut))).toBe(10 * DAY);
  });

  it('leaves utilization null on resources younger than 7 days', () => {
    const young = validResources.filter((r) => Date.parse(NOW) - Date.parse(r.createdAt) < 7 * DAY);

    expect(young.length).toBeGreaterThan(0);
    for (const r of young) expect(r.utilization).toBeNull();
  });

  it('points every record at an existing parent', () => {
    const tenantIds = new Set(sut.dataset.govCloud.tenants.map((t) => (t as Payload)['tenantId']));
    const systemIds = new Set(sut.dataset.dataExchange.systems.map((s) => (s as Payload)['systemId']));
    const platformIds = new Set(sut.dataset.video.platforms.map((p) => (p as Payload)['platformId']));

    for (const r of sut.dataset.govCloud.resources) expect(tenantIds).toContain((r as Payload)['tenantId']);
    for (const e of [...sut.dataset.dataExchange.catalog, ...sut.dataset.dataExchange.stats])
      expect(systemIds).toContain((e as Payload)['systemId']);
    for (const d of stored('device')) if (d['platformId']) expect(platformIds).toContain(d['platformId']);
  });

  it('includes orphans, an unknown project code, tombstones in every source and unknown fields', () => {
    const unitCodes = new Set(sut.projects.map((p) => p.unitCode));
    const tenants = new Map(stored('tenant').map((t) => [t['tenantId'], t]));
    const orphans = validResources.filter(
      (r) =>
        r.status === 'running' &&
        !r.projectCode &&
        !unitCodes.has(String(tenants.get(r.tenantId)!['unitCode'])),
    );
    const unknownCode = validResources.filter((r) => r.projectCode && !projectsByCode.has(r.projectCode));
    const known = new Set(Object.keys(ZGovCloudResource.shape));
    const count = (kind: string, field: string, value: string) =>
      stored(kind).filter((r) => r[field] === value).length;

    expect(orphans.length).toBeGreaterThanOrEqual(2);
    expect(unknownCode).toHaveLength(1);
    expect(count('resource', 'status', 'released')).toBeGreaterThanOrEqual(3);
    expect(count('system', 'accessStatus', 'DISCONNECTED')).toBeGreaterThanOrEqual(1);
    expect(count('catalog-entry', 'status', 'OFFLINE')).toBeGreaterThanOrEqual(1);
    expect(count('filing', 'status', 'REVOKED')).toBeGreaterThanOrEqual(1);
    expect(count('filing', 'status', 'CANCELLED')).toBeGreaterThanOrEqual(1);
    expect(count('device', 'status', 'DELETED')).toBeGreaterThanOrEqual(1);
    expect(count('ywtb-system', 'status', 'OFFLINE')).toBeGreaterThanOrEqual(1);
    expect(count('ybyh-service', 'status', 'OFFLINE')).toBeGreaterThanOrEqual(1);
    expect(count('brain-app', 'status', 'DISCONNECTED')).toBeGreaterThanOrEqual(1);
    for (const kind of ['system', 'filing', 'device', 'ywtb-system', 'ybyh-service', 'brain-app']) {
      const unitField = kind === 'device' ? 'ownerUnitCode' : 'unitCode';
      expect(
        stored(kind).some((r) => !r['projectCode'] && !unitCodes.has(String(r[unitField]))),
        `${kind} of no project`,
      ).toBe(true);
    }
    expect(
      sut.dataset.govCloud.resources.some((r) => Object.keys(r as object).some((k) => !known.has(k))),
    ).toBe(true);
    expect(
      sut.dataset.govCloud.tenants.some((t) => 'contact' in (t as object) || 'quota' in (t as object)),
    ).toBe(true);
  });

  describe('designed projects', () => {
    const verdicts = verdictsOf(sut);

    it('number between 40 and 70, both packs, each stating a verdict for exactly every rule of its pack', () => {
      expect(sut.designed.length).toBeGreaterThanOrEqual(40);
      expect(sut.designed.length).toBeLessThanOrEqual(70);
      for (const d of sut.designed) {
        const project = projectsByCode.get(d.code)!;

        expect(project).toBeDefined();
        expect(Object.keys(d.expected).sort()).toEqual(
          packFor(project.policyPack)
            .rules.map((r) => r.id)
            .sort(),
        );
        expect(DEMO_RULE_IDS[project.policyPack as DemoPackId]).toEqual(
          packFor(project.policyPack).rules.map((r) => r.id),
        );
      }
    });

    it.each(
      (Object.keys(DEMO_CITIES) as DemoPackId[]).flatMap((pack) =>
        packFor(pack).rules.map((r) => [r.id] as const),
      ),
    )('%s has a designed PASS and a designed FAIL', (ruleId) => {
      const seen = (verdict: DesignedVerdict) => sut.designed.some((d) => d.expected[ruleId] === verdict);

      expect(seen('PASS')).toBe(true);
      expect(seen('FAIL')).toBe(true);
    });

    it.each(sut.designed.map((d): [string, string, DesignedProject] => [d.code, d.scenario, d]))(
      '%s (%s) gets its designed verdicts from the engine',
      (code, scenario, designed) => {
        const got = verdicts.get(code)!.verdicts;

        expect(mismatches(designed, got), `${code} ${scenario}`).toEqual([]);
      },
    );

    it('covers the verdicts each rule can reach from data', () => {
      const seen = (ruleId: string, verdict: DesignedVerdict) =>
        sut.designed.filter((d) => d.expected[ruleId] === verdict).length;
      const covered: Record<string, readonly DesignedVerdict[]> = {
        'YY-CLOUD-DEPLOY': ['PASS', 'FAIL', 'WAIVED', 'NOT_APPLICABLE', 'UNKNOWN'],
        'YY-CLOUD-NO-SELFBUILD': ['PASS', 'FAIL', 'NOT_APPLICABLE', 'UNKNOWN'],
        'YY-CLOUD-COUNTY': ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'],
        'YY-NET-EGOV': ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'],
        'YY-MLPS-PROD': ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'],
        'YY-MLPS-EVAL': ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'],
        'YY-CRYPTO': ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'],
        'YY-YWTB': ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'],
        'YY-YWTB-NO-NEW': ['PASS', 'FAIL', 'UNKNOWN'],
        'YY-YBYH': ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'],
        'YY-VIDEO': ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'],
        'YY-KEY-DOMAIN': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
        'YY-DATA-SHARE': ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'],
        'YY-EXPERT-REVIEW': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
        'YY-SUPERVISION': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
        'YY-ACCEPTANCE-PATH': ['PASS', 'FAIL', 'UNKNOWN'],
        'CZ-CLOUD': ['PASS', 'FAIL', 'WAIVED', 'NOT_APPLICABLE'],
        'CZ-CLOUD-INTENSIVE': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
        'CZ-DATA-AGG': ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'],
        'CZ-DATA-SHARE': ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'],
        'CZ-HUB': ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'],
        'CZ-NET': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
        'CZ-SECURITY': ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'],
        'CZ-CRYPTO': ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'],
        'CZ-SUPERVISION': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
        'CZ-PREREVIEW': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
        'YY-FINANCE-REVIEW': ['PASS', 'FAIL'],
        'YY-NETSEC-REVIEW': ['PASS', 'FAIL'],
        'YY-ACCEPTANCE-FILED': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
        'YY-MLPS-TIMELY': ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'],
        'CZ-PREREVIEW-RELIABLE': ['PASS', 'FAIL', 'NOT_APPLICABLE'],
        'CZ-MLPS-TIMELY': ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'],
      };
      for (const [ruleId, list] of Object.entries(covered)) {
        for (const verdict of list) expect(seen(ruleId, verdict), `${ruleId} ${verdict}`).toBeGreaterThan(0);
      }
      expect(sut.designed.filter((d) => projectsByCode.get(d.code)!.classified)).toHaveLength(2);
      expect(sut.designed.filter((d) => projectsByCode.get(d.code)!.internalUseOnly)).toHaveLength(1);
    });

    it('shows a level-2 filing still pending within its 30 days as not yet due, and one long overdue as late', () => {
      const filings = sut.dataset.mlps.filings as Payload[];
      const pendingOnly = sut.designed.filter((d) => {
        const own = filings.filter((f) => f['projectCode'] === d.code);
        return own.length > 0 && own.every((f) => f['status'] === 'PENDING');
      });
      const facts = assembleFacts(sut.dataset, sut.projects, NOW);
      const timely = pendingOnly.map((d) => {
        const evaluation = evaluateProject(yueyangPack, facts.get(d.code)!, { now: NOW });
        return evaluation.findings.find((f) => f.ruleId === 'YY-MLPS-TIMELY')!;
      });

      expect(timely.map((f) => f.verdict).sort()).toEqual(['FAIL', 'PASS']);
      expect(timely.find((f) => f.verdict === 'PASS')!.reason.zh).toContain('尚未到期');
      expect(timely.find((f) => f.verdict === 'FAIL')!.reason.zh).toContain('已逾期');
    });

    it('keeps the designed verdicts for other seeds', () => {
      const other = generateDemoCity({ now: NOW, seed: 3, projects: 85 });
      const got = verdictsOf(other);

      for (const d of other.designed) expect(mismatches(d, got.get(d.code)!.verdicts), d.code).toEqual([]);
    });
  });

  describe('seeded mix', () => {
    const designedCodes = new Set(sut.designed.map((d) => d.code));
    const mixed = (city: DemoCity) => city.projects.filter((p) => !designedCodes.has(p.code));

    it('is mostly compliant and partly failing, its cloud resources always tagged', () => {
      const verdicts = verdictsOf(sut);
      const deploy = mixed(sut).map((p) => {
        const v = verdicts.get(p.code)!.verdicts;
        return v['YY-CLOUD-DEPLOY'] ?? v['CZ-CLOUD'];
      });

      expect(deploy.filter((v) => v === 'PASS').length / deploy.length).toBeGreaterThan(0.6);
      expect(deploy).toContain('FAIL');
      expect(deploy).not.toContain('UNKNOWN');
    });

    it('leaves roughly 15–30% of its projects not ready for acceptance', () => {
      const city = generateDemoCity({ now: NOW, projects: 600 });
      const verdicts = verdictsOf(city);
      const projects: TProject[] = mixed(city);
      const notReady = projects.filter((p) => !verdicts.get(p.code)!.ready).length / projects.length;

      expect(notReady).toBeGreaterThanOrEqual(0.15);
      expect(notReady).toBeLessThanOrEqual(0.3);
    });

    it('gives both packs records in every source they read', () => {
      const packs = new Map(sut.projects.map((p) => [p.code, p.policyPack]));
      const ofPack = (kind: string, pack: PolicyPackId) =>
        stored(kind).filter((r) => packs.get(String(r['projectCode'])) === pack).length;

      for (const kind of ['resource', 'system', 'filing']) {
        expect(ofPack(kind, 'yueyang'), kind).toBeGreaterThan(0);
        expect(ofPack(kind, 'chenzhou'), kind).toBeGreaterThan(0);
      }
      for (const kind of ['ywtb-system', 'ybyh-service'])
        expect(ofPack(kind, 'yueyang'), kind).toBeGreaterThan(0);
      expect(ofPack('brain-app', 'chenzhou')).toBeGreaterThan(0);
      expect(ofPack('device', 'chenzhou')).toBeGreaterThan(0);
    });
  });
});

describe(writeDemoCity.name, () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'demo-city-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes the dataset, the registry as xlsx and BOM-prefixed CSV, and the designed scenarios', async () => {
    const { files, city } = await writeDemoCity(join(dir, 'nested'), { now: NOW, projects: 80, seed: 5 });

    const dataset = JSON.parse(await readFile(files.dataset, 'utf8'));
    const designed = JSON.parse(await readFile(files.designed, 'utf8'));
    const csv = await readFile(files.projectsCsv);
    const xlsx = await readFile(files.projectsXlsx);

    expect(dataset).toEqual(city.dataset);
    expect(designed).toEqual(city.designed);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toMatch(/^项目编码,项目名称,建设单位,统一社会信用代码/);
    expect(lines).toHaveLength(81);
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await stat(files.projectsXlsx)).size).toBeGreaterThan(1_000);
  });

  it('writes a registry the hub imports back row for row, without rejecting any', async () => {
    const { files, city } = await writeDemoCity(dir, { now: NOW });

    for (const file of [files.projectsXlsx, files.projectsCsv]) {
      const parsed = await parseRegistryFile({
        data: await readFile(file),
        fileName: file,
        packIds: packIds(),
      });

      expect([...parsed.fileErrors, ...parsed.errors]).toEqual([]);
      // The importer writes 总投资 without trailing zeros (350.00 → 350); the figure is the same.
      const figure = (p: TProject) => ({ ...p, investment: Number(p.investment) });
      expect(parsed.rows.map((r) => figure(r.project))).toEqual(city.projects.map(figure));
    }
  });
});
