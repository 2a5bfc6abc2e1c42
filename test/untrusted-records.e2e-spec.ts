import { isDeepStrictEqual } from 'node:util';
import type { SourceId, TSandboxDataset } from '@hub/contracts';
import { writeRegistryWorkbook } from '@hub/registry';
import {
  baselinePlan,
  buildPlannedCity,
  type DemoPackId,
  filingNoWithoutDash,
  type PlannedProject,
  type ProjectPlan,
  type RecordBreak,
  truncated,
  valueNotInContract,
  withoutZone,
} from '@hub/sandbox';
import { ChecksService } from '../apps/hub/src/modules/checks/checks.service';
import { DEMO_NOW, startTestHub } from './support/hub';

type Rec = Record<string, unknown>;

/** A record a case breaks while its city is built: what it was, and the object the dataset holds. */
class BadRecord {
  original: Rec | null = null;
  record: Rec | null = null;

  constructor(
    readonly field: string,
    private readonly breakIt: RecordBreak,
  ) {}

  readonly broken: RecordBreak = (record) => {
    this.original = structuredClone(record);
    this.record = record;
    this.breakIt(record);
  };
}

/**
 * One record kind of one source: two projects of the same unit, A with one record of that kind broken
 * in one field, B (its sibling) with valid records only; and the valid values that field could hold,
 * against which the hub's verdicts on A are compared.
 */
interface Case {
  name: string;
  source: SourceId;
  kind: string;
  pack: DemoPackId;
  county?: string;
  /** A's and B's system themes, of one department */
  systems: readonly [string, string];
  bad: BadRecord;
  /** A's plan, its record of the kind marked with `bad.broken` */
  vary(plan: ProjectPlan, bad: BadRecord): void;
  /** valid values of the broken field (undefined: left out), from the record as it was */
  values(original: Rec): unknown[];
  /** a valid record of A beside the broken one decides this rule */
  decidedBy?: string;
  /** the record carries no project code: it reaches A by unit credit code and system name */
  suggested?: boolean;
}

const OLD = '2020-01-02T09:00:00+08:00';
const egov = 'egov-extranet';

const CASES: Case[] = [
  {
    name: 'gov-cloud resource (its only production machine)',
    source: 'gov-cloud',
    kind: 'resource',
    pack: 'yueyang',
    systems: ['医保公共服务平台', '医保智能监管系统'],
    bad: new BadRecord('networkZone', valueNotInContract('networkZone', 'egov_extranet')),
    vary: (p, bad) => {
      p.cloud.resources = [
        {
          type: 'ecs',
          vcpu: 8,
          environment: 'production',
          networkZone: egov,
          status: 'running',
          ageDays: 320,
          broken: bad.broken,
        },
      ];
    },
    values: () => ['egov-extranet', 'internet', 'private'],
  },
  {
    name: 'gov-cloud resource beside valid running ones',
    source: 'gov-cloud',
    kind: 'resource',
    pack: 'yueyang',
    systems: ['义务教育招生入学服务平台', '智慧教育云平台'],
    bad: new BadRecord('networkZone', valueNotInContract('networkZone', 'egov_extranet')),
    vary: (p, bad) => {
      p.cloud.resources.push({
        type: 'ecs',
        vcpu: 2,
        environment: 'production',
        networkZone: egov,
        status: 'running',
        ageDays: 300,
        broken: bad.broken,
      });
    },
    values: () => ['egov-extranet', 'internet', 'private'],
    decidedBy: 'YY-CLOUD-DEPLOY',
  },
  {
    name: 'gov-cloud tenant of a county project',
    source: 'gov-cloud',
    kind: 'tenant',
    pack: 'yueyang',
    county: '430621',
    systems: ['工程建设项目审批管理系统', '智慧工地监管平台'],
    bad: new BadRecord('purchaseMode', valueNotInContract('purchaseMode', 'purchased-service')),
    vary: (p, bad) => {
      p.cloud.brokenTenant = bad.broken;
    },
    values: () => ['county-purchased-service', 'city-allocated', undefined],
  },
  {
    name: 'data-exchange system',
    source: 'data-exchange',
    kind: 'system',
    pack: 'yueyang',
    systems: ['不动产登记信息管理系统', '国土空间基础信息平台'],
    bad: new BadRecord('accessStatus', valueNotInContract('accessStatus', 'ONLINE')),
    vary: (p, bad) => {
      p.exchange[0]!.broken = bad.broken;
    },
    values: () => ['CONNECTED', 'APPLYING', 'DISCONNECTED'],
  },
  {
    name: 'data-exchange system without a project code, suggested by unit and system name',
    source: 'data-exchange',
    kind: 'system',
    pack: 'yueyang',
    systems: ['预算管理一体化系统', '非税收入收缴管理系统'],
    bad: new BadRecord('accessStatus', valueNotInContract('accessStatus', 'ONLINE')),
    vary: (p, bad) => {
      p.exchange[0] = { ...p.exchange[0]!, untagged: true, broken: bad.broken };
    },
    values: () => ['CONNECTED', 'APPLYING', 'DISCONNECTED'],
    suggested: true,
  },
  {
    name: 'data-exchange catalog entry (no statistics: shared by update cycle)',
    source: 'data-exchange',
    kind: 'catalog-entry',
    pack: 'chenzhou',
    systems: ['全民健康信息平台', '基层医疗卫生机构管理信息系统'],
    bad: new BadRecord('lastDataUpdateAt', withoutZone('lastDataUpdateAt')),
    vary: (p, bad) => {
      p.exchange[0]!.stats = null;
      p.exchange[0]!.entries[0]!.broken = bad.broken;
    },
    values: (o) => [o['lastDataUpdateAt'], OLD],
  },
  {
    name: 'data-exchange statistics (catalogue not updated in its cycles)',
    source: 'data-exchange',
    kind: 'exchange-stats',
    pack: 'chenzhou',
    systems: ['智慧市场监管平台', '食品安全追溯系统'],
    bad: new BadRecord('lastExchangeAt', withoutZone('lastExchangeAt')),
    vary: (p, bad) => {
      const x = p.exchange[0]!;
      x.entries = x.entries.map((e) => ({ ...e, updatedDaysAgo: (e.updatedDaysAgo ?? 0) + 400 }));
      x.stats = { ...x.stats!, broken: bad.broken };
    },
    values: (o) => [o['lastExchangeAt'], OLD],
  },
  {
    name: 'MLPS filing',
    source: 'mlps',
    kind: 'filing',
    pack: 'yueyang',
    systems: ['人社一体化经办服务平台', '就业创业公共服务系统'],
    bad: new BadRecord('filingNo', filingNoWithoutDash),
    vary: (p, bad) => {
      p.filings[0]!.broken = bad.broken;
    },
    values: (o) => [o['filingNo']],
  },
  {
    name: 'video platform (its cameras registered under it)',
    source: 'video',
    kind: 'platform',
    pack: 'yueyang',
    systems: ['数字城管综合信息平台', '城市内涝监测预警系统'],
    bad: new BadRecord('platformId', truncated('platformId', 19)),
    vary: (p, bad) => {
      p.video = {
        platform: { cascadeStatus: 'ONLINE', broken: bad.broken },
        devices: p.video.devices.filter((d) => d.viaPlatform),
      };
    },
    values: (o) => [o['platformId']],
  },
  {
    name: 'video device',
    source: 'video',
    kind: 'device',
    pack: 'yueyang',
    systems: ['智慧交通综合监测平台', '公交运营调度系统'],
    bad: new BadRecord('status', valueNotInContract('status', 'ONLINE')),
    vary: (p, bad) => {
      p.video.devices.push({ status: 'ON', channels: 4, online: 4, broken: bad.broken });
    },
    values: () => ['ON', 'OFF', 'DELETED'],
  },
  {
    name: '一网通办 system',
    source: 'service-platforms',
    kind: 'ywtb-system',
    pack: 'yueyang',
    systems: ['政务服务综合受理平台', '12345政务服务便民热线系统'],
    bad: new BadRecord('status', valueNotInContract('status', 'LIVE')),
    vary: (p, bad) => {
      p.ywtb[0]!.broken = bad.broken;
    },
    values: () => ['ONLINE', 'TESTING', 'OFFLINE'],
  },
  {
    name: '岳办岳好 service',
    source: 'service-platforms',
    kind: 'ybyh-service',
    pack: 'yueyang',
    systems: ['智慧养老服务平台', '社会救助信息管理系统'],
    bad: new BadRecord('status', valueNotInContract('status', 'PUBLISHED')),
    vary: (p, bad) => {
      p.ybyh[0]!.broken = bad.broken;
    },
    values: () => ['ONLINE', 'REVIEWING', 'OFFLINE'],
  },
  {
    name: 'city brain application',
    source: 'service-platforms',
    kind: 'brain-app',
    pack: 'chenzhou',
    systems: ['应急指挥综合调度平台', '安全生产风险监测预警系统'],
    bad: new BadRecord('lastHeartbeatAt', withoutZone('lastHeartbeatAt')),
    vary: (p, bad) => {
      p.brain[0]!.broken = bad.broken;
    },
    values: (o) => [o['lastHeartbeatAt'], OLD],
  },
];

const planned: PlannedProject[] = CASES.flatMap((c) => {
  const a = baselinePlan(c.pack);
  c.vary(a, c.bad);
  const unit = { pack: c.pack, ...(c.county ? { county: c.county } : {}) };
  return [
    { ...unit, system: c.systems[0], plan: a },
    { ...unit, system: c.systems[1], plan: baselinePlan(c.pack) },
  ];
});
const city = buildPlannedCity({ now: DEMO_NOW, projects: planned });
const codes = (i: number) => ({ a: city.projects[2 * i]!.code, b: city.projects[2 * i + 1]!.code });

/** The dataset with each case's broken record replaced (`pick` gives its stand-in, null: left out). */
function datasetWith(pick: (c: Case) => Rec | null): TSandboxDataset {
  const replaced = new Map(CASES.map((c) => [c.bad.record!, pick(c)]));
  const swap = (list: unknown[]) =>
    list.flatMap((r) => {
      if (!replaced.has(r as Rec)) return [r];
      const stand = replaced.get(r as Rec);
      return stand ? [stand] : [];
    });
  const d = city.dataset;
  return {
    now: d.now,
    govCloud: { tenants: swap(d.govCloud.tenants), resources: swap(d.govCloud.resources) },
    dataExchange: {
      systems: swap(d.dataExchange.systems),
      catalog: swap(d.dataExchange.catalog),
      stats: swap(d.dataExchange.stats),
    },
    mlps: { filings: swap(d.mlps.filings) },
    video: { platforms: swap(d.video.platforms), devices: swap(d.video.devices) },
    servicePlatforms: {
      ywtb: swap(d.servicePlatforms.ywtb),
      ybyh: swap(d.servicePlatforms.ybyh),
      brain: swap(d.servicePlatforms.brain),
    },
  };
}

/** The broken record with its field set to one of the values it could validly hold. */
function repaired(c: Case, value: unknown): Rec {
  const copy = structuredClone(c.bad.original!);
  if (value === undefined) delete copy[c.bad.field];
  else copy[c.bad.field] = value;
  return copy;
}

interface FindingView {
  ruleId: string;
  verdict: string;
  severity: string;
  warningOnly: boolean;
  reason: { zh: string; en: string };
  evidence: {
    source: string;
    kind: string;
    externalId: string;
    contentHash: string;
    untrusted?: { zh: string; en: string };
  }[];
}
interface Problem {
  kind: string;
  externalId: string | null;
  reason: { zh: string; en: string };
  payload: unknown;
}
interface Run {
  findings: Map<string, FindingView[]>;
  problems: Map<string, Problem[]>;
  pending: Map<string, string[]>;
}

/** Imports the registry, scans once against `dataset`, and reads every project's findings. */
async function scanOnce(dataset: TSandboxDataset): Promise<Run> {
  const hub = await startTestHub(dataset);
  try {
    await hub.http
      .post('/api/registry/imports')
      .attach('file', await writeRegistryWorkbook(city.projects), '项目台账.xlsx')
      .expect(201);
    const scan = await hub.app.get(ChecksService).scan();
    expect(scan.status).toBe('completed');
    const run: Run = { findings: new Map(), problems: new Map(), pending: new Map() };
    for (const p of city.projects) {
      const res = await hub.http.get(`/api/projects/${p.code}/findings`).expect(200);
      run.findings.set(p.code, res.body.findings);
      const pending = await hub.http
        .get('/api/bindings')
        .query({ status: 'pending', projectCode: p.code })
        .expect(200);
      run.pending.set(
        p.code,
        (pending.body.items as { record: { externalId: string } }[]).map((b) => b.record.externalId),
      );
    }
    for (const source of new Set(CASES.map((c) => c.source))) {
      const res = await hub.http.get(`/api/sources/${source}/problems`).expect(200);
      run.problems.set(source, res.body.problems);
    }
    return run;
  } finally {
    await hub.stop();
  }
}

const verdicts = (list: FindingView[]) => Object.fromEntries(list.map((f) => [f.ruleId, f.verdict]));
/** What a finding says, without the ids and times of the run that wrote it. */
const comparable = (list: FindingView[]) =>
  list.map((f) => ({
    ruleId: f.ruleId,
    verdict: f.verdict,
    severity: f.severity,
    warningOnly: f.warningOnly,
    reason: f.reason,
    evidence: f.evidence.map((e) => ({
      source: e.source,
      kind: e.kind,
      externalId: e.externalId,
      contentHash: e.contentHash,
      untrusted: e.untrusted ?? null,
    })),
  }));

/**
 * Records that break their contract but name their project, end to end: for every record kind of every
 * source, the hub keeps the record as untrusted evidence of its project, lists it among the source's
 * problems, and judges UNKNOWN exactly the rules whose verdict depends on what the record cannot tell —
 * the rules whose verdict differs between the same city without the record and with the record holding
 * each of the values its field could validly hold; every other rule keeps its verdict, and the sibling
 * project of the same unit is judged exactly as without the bad record.
 */
describe('untrusted upstream records (sandbox + hub)', () => {
  let broken: Run;
  let without: Run;
  const readings: Run[] = [];

  beforeAll(async () => {
    broken = await scanOnce(city.dataset);
    without = await scanOnce(datasetWith(() => null));
    const most = Math.max(...CASES.map((c) => c.values(c.bad.original!).length));
    for (let i = 0; i < most; i++) {
      readings.push(
        await scanOnce(
          datasetWith((c) => {
            const values = c.values(c.bad.original!);
            return repaired(c, values[Math.min(i, values.length - 1)]);
          }),
        ),
      );
    }
  }, 600_000);

  it('builds one broken record per case, of the kind the case is about', () => {
    for (const c of CASES) {
      expect(c.bad.record, c.name).not.toBeNull();
      expect(c.bad.record![c.bad.field], c.name).not.toEqual(c.bad.original![c.bad.field]);
    }
    expect(new Set(CASES.map((c) => `${c.source}/${c.kind}`)).size).toBe(11);
  });

  it.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
    const { a, b } = codes(i);
    const got = broken.findings.get(a)!;
    const externalId = got
      .flatMap((f) => f.evidence)
      .find((e) => e.kind === c.kind && e.untrusted)?.externalId;
    // The source lists it among its problems, kept as an untrusted record, by its upstream id.
    const problem = broken.problems
      .get(c.source)!
      .find((p) => p.kind === c.kind && isDeepStrictEqual(p.payload, c.bad.record));
    expect(problem, 'a problem of the source').toMatchObject({
      externalId: expect.any(String),
      reason: {
        zh: expect.stringContaining('作为不可采信的记录保留'),
        en: expect.stringContaining('kept as an untrusted record'),
      },
    });
    const upstreamId = problem!.externalId!;

    // The rules whose verdict hangs on the unreadable field: they differ across the valid stand-ins.
    const runs = [without, ...readings.slice(0, c.values(c.bad.original!).length)].map((r) =>
      verdicts(r.findings.get(a)!),
    );
    const dependent = Object.keys(runs[0]!).filter((rule) => new Set(runs.map((v) => v[rule])).size > 1);
    const expected = Object.fromEntries(
      Object.entries(runs[0]!).map(([rule, verdict]) => [
        rule,
        dependent.includes(rule) ? 'UNKNOWN' : verdict,
      ]),
    );

    expect(externalId, 'the broken record is evidence of A').toBeDefined();
    expect(verdicts(got)).toEqual(expected);
    if (c.decidedBy) {
      expect(dependent).toEqual([]);
      const decided = got.find((f) => f.ruleId === c.decidedBy)!;
      expect(decided.verdict).toBe('PASS');
      expect(decided.reason.zh).toContain('无论其内容如何均不影响本结论');
      expect(decided.evidence).toContainEqual(
        expect.objectContaining({ kind: c.kind, externalId, untrusted: expect.any(Object) }),
      );
    } else {
      expect(dependent.length, 'the field matters to at least one rule').toBeGreaterThan(0);
    }
    for (const f of got.filter((x) => dependent.includes(x.ruleId))) {
      expect(f.reason.zh, f.ruleId).toContain(upstreamId);
      expect(f.reason.zh, f.ruleId).toContain(c.bad.field);
      expect(f.reason.en, f.ruleId).toContain(c.bad.field);
      expect(f.evidence, f.ruleId).toContainEqual(
        expect.objectContaining({
          source: c.source,
          kind: c.kind,
          externalId,
          untrusted: { zh: expect.stringContaining(c.bad.field), en: expect.stringContaining(c.bad.field) },
        }),
      );
    }

    // The sibling of the same unit is judged exactly as in the city without A's bad record.
    expect(comparable(broken.findings.get(b)!)).toEqual(comparable(without.findings.get(b)!));
    expect(
      broken.findings
        .get(b)!
        .flatMap((f) => f.evidence)
        .filter((e) => e.externalId === externalId),
    ).toEqual([]);
    expect(broken.pending.get(a)!.includes(externalId!)).toBe(c.suggested === true);
    expect(broken.pending.get(b)).not.toContain(externalId);
  });
});
