import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  isValidCreditCode,
  type TGovCloudResource,
  type TGovCloudTenant,
  type TProject,
  ZGovCloudResource,
  ZGovCloudTenant,
  ZProject,
  ZSandboxDataset,
} from '@hub/contracts';
import { SandboxUsageError } from '../framework/sandbox-error';
import { DEMO_MIN_PROJECTS, type DesignedProject, generateDemoCity } from './demo-city.generator';
import { writeDemoCity } from './demo-city.writer';
import { DEMO_RULE_IDS, type DesignedVerdict } from './demo-scenarios';

const NOW = '2025-06-30T09:00:00+08:00';
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------------
// Reference implementation of the cloud rules, written from obligations.md and kept apart from the
// generator on purpose: the designed verdicts must follow from the data, not from the generator's intent.
// ---------------------------------------------------------------------------------------------------

function matchKey(name: string): string {
  let key = name.normalize('NFKC');
  key = key.replace(/\s+/g, '');
  for (const bracket of ['(', ')', '（', '）', '[', ']', '【', '】']) key = key.split(bracket).join('');
  key = key.toLowerCase();
  for (const suffix of ['系统', '平台']) if (key.endsWith(suffix)) key = key.slice(0, -suffix.length);
  return key;
}

type Rule = (p: TProject, rs: TGovCloudResource[], tenants: Map<string, TGovCloudTenant>) => DesignedVerdict;

const running = (rs: TGovCloudResource[]) => rs.filter((r) => r.status === 'running');
const live = (rs: TGovCloudResource[]) => rs.filter((r) => r.status !== 'released');

const RULES: Record<string, Rule> = {
  'YY-CLOUD-DEPLOY': (p, rs) =>
    p.classified || p.internalUseOnly
      ? 'NOT_APPLICABLE'
      : p.cloudExemptionRef
        ? 'WAIVED'
        : running(rs).length
          ? 'PASS'
          : 'FAIL',
  'YY-CLOUD-COUNTY': (p, rs, tenants) => {
    if (p.region === '430600' || live(rs).length === 0) return 'NOT_APPLICABLE';
    const modes = live(rs).map((r) => tenants.get(r.tenantId)?.purchaseMode);
    if (modes.includes('city-allocated')) return 'FAIL';
    if (modes.includes(undefined)) return 'UNKNOWN';
    return 'PASS';
  },
  'YY-NET-EGOV': (_p, rs) =>
    running(rs).length === 0
      ? 'NOT_APPLICABLE'
      : running(rs).some((r) => r.networkZone === 'egov-extranet')
        ? 'PASS'
        : 'FAIL',
  'CZ-CLOUD': (p, rs) =>
    p.classified ? 'NOT_APPLICABLE' : p.cloudExemptionRef ? 'WAIVED' : running(rs).length ? 'PASS' : 'FAIL',
  'CZ-CLOUD-INTENSIVE': (_p, rs) =>
    live(rs).length === 0
      ? 'NOT_APPLICABLE'
      : running(rs).some(
            (r) => (r.spec.vcpu ?? 0) >= 4 && r.utilization != null && r.utilization.cpuAvg30d < 10,
          )
        ? 'FAIL'
        : 'PASS',
};

/** Verdicts of the pack's cloud rules; a verdict that changes once suggested records count is UNKNOWN. */
function referenceVerdicts(
  project: TProject,
  resources: TGovCloudResource[],
  tenants: Map<string, TGovCloudTenant>,
): Record<string, DesignedVerdict> {
  const bound = resources.filter((r) => r.projectCode === project.code);
  const names = new Set(project.systemNames.map(matchKey));
  const suggested = resources.filter(
    (r) =>
      !r.projectCode &&
      tenants.get(r.tenantId)?.unitCode === project.unitCode &&
      r.systemName != null &&
      names.has(matchKey(r.systemName)),
  );
  const verdicts: Record<string, DesignedVerdict> = {};
  for (const ruleId of DEMO_RULE_IDS[project.policyPack]) {
    const onBound = RULES[ruleId]!(project, bound, tenants);
    const withSuggested = RULES[ruleId]!(project, [...bound, ...suggested], tenants);
    verdicts[ruleId] = onBound === withSuggested ? onBound : 'UNKNOWN';
  }
  return verdicts;
}

// ---------------------------------------------------------------------------------------------------

describe(generateDemoCity.name, () => {
  const sut = generateDemoCity({ now: NOW });
  const validTenants = sut.dataset.govCloud.tenants.flatMap((t) => {
    const parsed = ZGovCloudTenant.safeParse(t);
    return parsed.success ? [parsed.data] : [];
  });
  const validResources = sut.dataset.govCloud.resources.flatMap((r) => {
    const parsed = ZGovCloudResource.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  const tenantsById = new Map(validTenants.map((t) => [t.tenantId, t]));
  const projectsByCode = new Map(sut.projects.map((p) => [p.code, p]));

  it('gives the same city for the same now and seed', () => {
    const again = generateDemoCity({ now: NOW });

    expect(JSON.stringify(again)).toBe(JSON.stringify(sut));
  });

  it('gives another city for another seed', () => {
    const other = generateDemoCity({ now: NOW, seed: 99 });

    expect(JSON.stringify(other.dataset)).not.toBe(JSON.stringify(sut.dataset));
    expect(other.designed.map((d) => d.scenario)).toEqual(sut.designed.map((d) => d.scenario));
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

  it('produces a dataset that parses as a sandbox dataset with now as given', () => {
    expect(ZSandboxDataset.parse(sut.dataset).now).toBe(NOW);
  });

  it('makes every record valid except the deliberately invalid ones', () => {
    const problems = [
      ...sut.dataset.govCloud.tenants.map((t) => ZGovCloudTenant.safeParse(t)),
      ...sut.dataset.govCloud.resources.map((r) => ZGovCloudResource.safeParse(r)),
    ]
      .filter((r) => !r.success)
      .map((r) => r.error!.issues.map((i) => i.path.join('.')).join(','));

    expect(problems.sort()).toEqual(['createdAt', 'networkZone', 'resourceId', 'updatedAt']);
  });

  it('keeps the invalid records away from every project', () => {
    const invalid = sut.dataset.govCloud.resources.filter(
      (r) => !ZGovCloudResource.safeParse(r).success,
    ) as Record<string, unknown>[];
    const invalidTenant = sut.dataset.govCloud.tenants.find((t) => !ZGovCloudTenant.safeParse(t).success) as {
      tenantId: string;
      unitCode: string;
    };
    const unitCodes = new Set(sut.projects.map((p) => p.unitCode));

    for (const record of invalid) {
      expect(record['projectCode']).toBeNull();
      expect(unitCodes).not.toContain(tenantsById.get(record['tenantId'] as string)?.unitCode);
    }
    expect(unitCodes).not.toContain(invalidTenant.unitCode);
  });

  it('gives tenants and resources unique ids', () => {
    const tenantIds = sut.dataset.govCloud.tenants.map((t) => (t as { tenantId: string }).tenantId);
    const resourceIds = validResources.map((r) => r.resourceId);

    expect(new Set(tenantIds).size).toBe(sut.dataset.govCloud.tenants.length);
    expect(new Set(resourceIds).size).toBe(resourceIds.length);
  });

  it('writes every time with the +08:00 offset, in the past of now', () => {
    const times = [
      ...validTenants.map((t) => t.createdAt),
      ...validResources.flatMap((r) => [r.createdAt, r.updatedAt]),
    ];

    for (const time of times) {
      expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      expect(Date.parse(time)).toBeLessThanOrEqual(Date.parse(NOW));
    }
    for (const r of validResources)
      expect(Date.parse(r.updatedAt)).toBeGreaterThanOrEqual(Date.parse(r.createdAt));
  });

  it('moves every time with now', () => {
    const later = generateDemoCity({ now: '2025-07-10T09:00:00+08:00' });
    const first = sut.dataset.govCloud.resources[0] as TGovCloudResource;
    const moved = later.dataset.govCloud.resources[0] as TGovCloudResource;

    expect(Date.parse(moved.createdAt) - Date.parse(first.createdAt)).toBe(10 * DAY);
  });

  it('leaves utilization null on resources younger than 7 days', () => {
    const young = validResources.filter((r) => Date.parse(NOW) - Date.parse(r.createdAt) < 7 * DAY);

    expect(young.length).toBeGreaterThan(0);
    for (const r of young) expect(r.utilization).toBeNull();
  });

  it('points every resource at an existing tenant', () => {
    const tenantIds = new Set(sut.dataset.govCloud.tenants.map((t) => (t as { tenantId: string }).tenantId));

    for (const r of sut.dataset.govCloud.resources) {
      expect(tenantIds).toContain((r as { tenantId: string }).tenantId);
    }
  });

  it('includes orphans, a resource tagged with an unknown project code, tombstones and unknown fields', () => {
    const unitCodes = new Set(sut.projects.map((p) => p.unitCode));
    const orphans = validResources.filter(
      (r) =>
        r.status === 'running' && !r.projectCode && !unitCodes.has(tenantsById.get(r.tenantId)!.unitCode),
    );
    const unknownCode = validResources.filter((r) => r.projectCode && !projectsByCode.has(r.projectCode));
    const known = new Set(Object.keys(ZGovCloudResource.shape));

    expect(orphans.length).toBeGreaterThanOrEqual(2);
    expect(unknownCode).toHaveLength(1);
    expect(validResources.filter((r) => r.status === 'released').length).toBeGreaterThanOrEqual(3);
    expect(
      sut.dataset.govCloud.resources.some((r) => Object.keys(r as object).some((k) => !known.has(k))),
    ).toBe(true);
    expect(
      sut.dataset.govCloud.tenants.some((t) => 'contact' in (t as object) || 'quota' in (t as object)),
    ).toBe(true);
  });

  describe('designed projects', () => {
    it('lists an expected verdict for exactly the cloud rules of the pack', () => {
      for (const d of sut.designed) {
        const project = projectsByCode.get(d.code)!;

        expect(project).toBeDefined();
        expect(Object.keys(d.expected).sort()).toEqual([...DEMO_RULE_IDS[project.policyPack]].sort());
      }
    });

    it.each(
      generateDemoCity({ now: NOW }).designed.map((d): [string, string, DesignedProject] => [
        d.code,
        d.scenario,
        d,
      ]),
    )('%s (%s) has data whose verdicts are the expected ones', (code, _scenario, designed) => {
      const project = projectsByCode.get(code)!;

      expect(referenceVerdicts(project, validResources, tenantsById)).toEqual(designed.expected);
    });

    it('covers every branch the scenarios are meant to show', () => {
      const seen = (ruleId: string, verdict: DesignedVerdict) =>
        sut.designed.filter((d) => d.expected[ruleId] === verdict).length;

      for (const verdict of ['PASS', 'FAIL', 'WAIVED', 'NOT_APPLICABLE', 'UNKNOWN'] as const) {
        expect(seen('YY-CLOUD-DEPLOY', verdict)).toBeGreaterThan(0);
      }
      for (const verdict of ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'] as const) {
        expect(seen('YY-CLOUD-COUNTY', verdict)).toBeGreaterThan(0);
      }
      for (const verdict of ['PASS', 'FAIL', 'UNKNOWN', 'NOT_APPLICABLE'] as const) {
        expect(seen('YY-NET-EGOV', verdict)).toBeGreaterThan(0);
      }
      for (const verdict of ['PASS', 'FAIL', 'WAIVED', 'NOT_APPLICABLE'] as const) {
        expect(seen('CZ-CLOUD', verdict)).toBeGreaterThan(0);
      }
      for (const verdict of ['PASS', 'FAIL', 'NOT_APPLICABLE'] as const) {
        expect(seen('CZ-CLOUD-INTENSIVE', verdict)).toBeGreaterThan(0);
      }
      expect(sut.designed.filter((d) => projectsByCode.get(d.code)!.classified)).toHaveLength(2);
      expect(sut.designed.filter((d) => projectsByCode.get(d.code)!.internalUseOnly)).toHaveLength(1);
    });

    it('keeps the designed verdicts for other seeds', () => {
      const other = generateDemoCity({ now: NOW, seed: 3, projects: 85 });
      const tenants = new Map(
        other.dataset.govCloud.tenants.flatMap((t) => {
          const parsed = ZGovCloudTenant.safeParse(t);
          return parsed.success ? [[parsed.data.tenantId, parsed.data] as const] : [];
        }),
      );
      const resources = other.dataset.govCloud.resources.flatMap((r) => {
        const parsed = ZGovCloudResource.safeParse(r);
        return parsed.success ? [parsed.data] : [];
      });

      for (const d of other.designed) {
        const project = other.projects.find((p) => p.code === d.code)!;
        expect(referenceVerdicts(project, resources, tenants)).toEqual(d.expected);
      }
    });
  });

  it('fills the rest with a mix that is mostly compliant and partly failing', () => {
    const designedCodes = new Set(sut.designed.map((d) => d.code));
    const mixed = sut.projects.filter((p) => !designedCodes.has(p.code));
    const deploy = mixed.map((p) => {
      const verdicts = referenceVerdicts(p, validResources, tenantsById);
      return verdicts['YY-CLOUD-DEPLOY'] ?? verdicts['CZ-CLOUD'];
    });

    expect(mixed.length).toBe(sut.projects.length - sut.designed.length);
    expect(deploy.filter((v) => v === 'PASS').length / mixed.length).toBeGreaterThan(0.6);
    expect(deploy).toContain('FAIL');
    expect(deploy).not.toContain('UNKNOWN');
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
});
