import type { DemoPackId } from './demo-catalogue';
import { packFor } from '@hub/rules';
import { filingNoWithoutDash, thirtiethOfFebruary, valueNotInContract, withoutZone } from './demo-invalid';
import { baselinePlan, type ProjectPlan, type ResourcePlan, withoutServices } from './demo-plan';

const yueyangPack = packFor('yueyang');
const chenzhouPack = packFor('chenzhou');

export type { PurchaseMode, ResourcePlan } from './demo-plan';

/** Verdicts a rule can give (obligations.md "Verdicts"). */
export type DesignedVerdict = 'PASS' | 'FAIL' | 'WAIVED' | 'NOT_APPLICABLE' | 'UNKNOWN';

/** Every rule of each pack, in the pack's order: a designed project states a verdict for each. */
export const DEMO_RULE_IDS: Readonly<Record<DemoPackId, readonly string[]>> = {
  yueyang: yueyangPack.rules.map((r) => r.id),
  chenzhou: chenzhouPack.rules.map((r) => r.id),
};

const NA = 'NOT_APPLICABLE';

/**
 * The verdicts of a pack's compliant baseline (`baselinePlan`), written out rule by rule: a designed
 * project expects these except where its scenario says otherwise. Yueyang's city-level baseline is
 * outside the two county rules and not yet accepted (no acceptance report to file); everything else
 * passes.
 */
export const BASELINE_EXPECTED: Readonly<Record<DemoPackId, Readonly<Record<string, DesignedVerdict>>>> = {
  yueyang: {
    'YY-CLOUD-DEPLOY': 'PASS',
    'YY-CLOUD-NO-SELFBUILD': 'PASS',
    'YY-CLOUD-COUNTY': NA,
    'YY-NET-EGOV': 'PASS',
    'YY-MLPS-PROD': 'PASS',
    'YY-MLPS-EVAL': 'PASS',
    'YY-CRYPTO': 'PASS',
    'YY-YWTB': 'PASS',
    'YY-YWTB-NO-NEW': 'PASS',
    'YY-YBYH': 'PASS',
    'YY-VIDEO': 'PASS',
    'YY-KEY-DOMAIN': NA,
    'YY-DATA-SHARE': 'PASS',
    'YY-PLAN': 'PASS',
    'YY-EXPERT-REVIEW': 'PASS',
    'YY-SUPERVISION': 'PASS',
    'YY-PROCUREMENT-FILED': 'PASS',
    'YY-OM-PERIOD': 'PASS',
    'YY-ACCEPTANCE-PATH': 'PASS',
    'YY-SECURITY-SYNC': 'PASS',
    'YY-FINANCE-REVIEW': 'PASS',
    'YY-NETSEC-REVIEW': 'PASS',
    'YY-ACCEPTANCE-FILED': NA,
    'YY-MLPS-TIMELY': 'PASS',
  },
  chenzhou: {
    'CZ-CLOUD': 'PASS',
    'CZ-CLOUD-INTENSIVE': 'PASS',
    'CZ-DATA-AGG': 'PASS',
    'CZ-DATA-SHARE': 'PASS',
    'CZ-HUB': 'PASS',
    'CZ-NET': 'PASS',
    'CZ-SUPERVISION': 'PASS',
    'CZ-SECURITY': 'PASS',
    'CZ-CRYPTO': 'PASS',
    'CZ-REVIEW-PATH': 'PASS',
    'CZ-PREREVIEW': 'PASS',
    'CZ-PLAN': 'PASS',
    'CZ-ACCEPTANCE-FLOW': 'PASS',
    'CZ-PREREVIEW-RELIABLE': 'PASS',
    'CZ-MLPS-TIMELY': 'PASS',
  },
};

/** A hand-designed project: its pack's baseline with a few things changed, and the verdicts that change. */
export interface DesignedScenario {
  pack: DemoPackId;
  /** what the scenario shows, in Chinese, as reported in `designed.json` */
  scenario: string;
  /** county division code; absent for 市本级 */
  county?: string;
  /** one of SYSTEM_THEMES' system names */
  system: string;
  /** changes to `baselinePlan(pack)` */
  vary?: (plan: ProjectPlan) => void;
  /** verdicts that differ from BASELINE_EXPECTED[pack]; every other rule keeps its baseline verdict */
  expected: Readonly<Record<string, DesignedVerdict>>;
}

const egov = 'egov-extranet';

/** A Yueyang system that is not a service system and has no mobile channel or video. */
const plainYy = (plan: ProjectPlan) => withoutServices(plan, { govService: true, mobile: true, video: true });
const PLAIN_YY = { 'YY-YWTB': NA, 'YY-YBYH': NA, 'YY-VIDEO': NA } as const;
/** A Chenzhou system that is not an application platform. */
const notPlatform = (plan: ProjectPlan) => withoutServices(plan, { appPlatform: true });

/** Outside every obligation that needs records: classified or internal systems have none of these. */
function noRecords(plan: ProjectPlan): void {
  withoutServices(plan, { govService: true, mobile: true, video: true, data: true, appPlatform: true });
  plan.cloud = { resources: [] };
  plan.filings = [];
}

function resources(plan: ProjectPlan, list: ResourcePlan[], cloud: Partial<ProjectPlan['cloud']> = {}): void {
  plan.cloud = { ...cloud, resources: list };
}

/** Changes the baseline's one filing (status, level, times, evaluations, assessments, code). */
function filing(plan: ProjectPlan, change: Partial<ProjectPlan['filings'][number]>): void {
  plan.filings = [{ ...plan.filings[0]!, ...change }];
}

/**
 * The designed scenarios, in the order their projects are numbered (the cloud scenarios first, so that
 * their codes stay as they were). Each changes one or two things of its pack's compliant baseline and
 * states every verdict that changes with them, side effects included.
 */
export const DESIGNED_SCENARIOS: readonly DesignedScenario[] = [
  // ------------------------------------------------------------------ Yueyang: government cloud
  {
    pack: 'yueyang',
    scenario: '市本级项目合规上云（生产区与测试区均在电子政务外网运行，另有一条已释放的历史资源）',
    system: '医保智能监管系统',
    vary: (p) => {
      plainYy(p);
      resources(
        p,
        [
          {
            type: 'ecs',
            vcpu: 8,
            environment: 'production',
            networkZone: egov,
            status: 'running',
            ageDays: 320,
          },
          {
            type: 'rds',
            vcpu: 4,
            environment: 'production',
            networkZone: egov,
            status: 'running',
            ageDays: 320,
          },
          { type: 'ecs', vcpu: 4, environment: 'test', networkZone: egov, status: 'running', ageDays: 350 },
          {
            type: 'ecs',
            vcpu: 2,
            environment: 'test',
            networkZone: egov,
            status: 'released',
            ageDays: 355,
            changedDaysAgo: 3,
          },
        ],
        { purchaseMode: 'city-allocated' },
      );
    },
    expected: { ...PLAIN_YY },
  },
  {
    pack: 'yueyang',
    scenario: '市本级项目未上云（政务云上无任何资源）',
    system: '非税收入收缴管理系统',
    vary: (p) => {
      plainYy(p);
      resources(p, []);
    },
    expected: { ...PLAIN_YY, 'YY-CLOUD-DEPLOY': 'FAIL', 'YY-NET-EGOV': NA, 'YY-MLPS-PROD': NA },
  },
  {
    pack: 'yueyang',
    scenario: '涉密项目（不适用上云要求，不在等级保护备案系统和共享交换平台上）',
    system: '涉密文件交换系统',
    vary: (p) => {
      noRecords(p);
      p.registry.classified = true;
    },
    expected: {
      ...PLAIN_YY,
      'YY-CLOUD-DEPLOY': NA,
      'YY-NET-EGOV': NA,
      'YY-MLPS-PROD': NA,
      'YY-MLPS-EVAL': NA,
      'YY-CRYPTO': NA,
      'YY-DATA-SHARE': NA,
      'YY-MLPS-TIMELY': NA,
    },
  },
  {
    pack: 'yueyang',
    scenario: '单位内部设备（会议室视频会议系统，不适用上云要求；180 万元，无需专家评审和监理）',
    system: '机关会议室视频会议系统',
    vary: (p) => {
      noRecords(p);
      p.registry.internalUseOnly = true;
      p.registry.investment = '180.00';
      p.registry.docs.expertReview = false;
      p.registry.docs.supervisionContract = false;
    },
    expected: {
      ...PLAIN_YY,
      'YY-CLOUD-DEPLOY': NA,
      'YY-NET-EGOV': NA,
      'YY-MLPS-PROD': NA,
      'YY-MLPS-EVAL': NA,
      'YY-CRYPTO': NA,
      'YY-DATA-SHARE': NA,
      'YY-EXPERT-REVIEW': NA,
      'YY-SUPERVISION': NA,
      'YY-MLPS-TIMELY': NA,
    },
  },
  {
    pack: 'yueyang',
    scenario: '有不上云例外文号且无云资源（豁免）',
    system: '统计数据采集处理系统',
    vary: (p) => {
      plainYy(p);
      p.registry.cloudExemption = true;
      resources(p, []);
    },
    expected: { ...PLAIN_YY, 'YY-CLOUD-DEPLOY': 'WAIVED', 'YY-NET-EGOV': NA, 'YY-MLPS-PROD': NA },
  },
  {
    pack: 'yueyang',
    scenario: '县级项目购买方式错误（租户为市级调拨，应以购买服务方式部署）',
    county: '430621',
    system: '就业创业公共服务系统',
    vary: (p) => {
      plainYy(p);
      resources(
        p,
        [
          {
            type: 'ecs',
            vcpu: 4,
            environment: 'production',
            networkZone: egov,
            status: 'running',
            ageDays: 200,
          },
          {
            type: 'rds',
            vcpu: 2,
            environment: 'production',
            networkZone: egov,
            status: 'running',
            ageDays: 200,
          },
        ],
        { purchaseMode: 'city-allocated' },
      );
    },
    expected: { ...PLAIN_YY, 'YY-CLOUD-COUNTY': 'FAIL', 'YY-KEY-DOMAIN': 'PASS' },
  },
  {
    pack: 'yueyang',
    scenario: '县级项目以购买服务方式部署于市电子政务云（合规）',
    county: '430681',
    system: '政务服务综合受理平台',
    vary: (p) => {
      withoutServices(p, { mobile: true, video: true });
      resources(
        p,
        [
          {
            type: 'ecs',
            vcpu: 4,
            environment: 'production',
            networkZone: egov,
            status: 'running',
            ageDays: 240,
          },
          { type: 'ecs', vcpu: 2, environment: 'test', networkZone: egov, status: 'running', ageDays: 260 },
          { type: 'oss', environment: 'production', networkZone: egov, status: 'running', ageDays: 240 },
        ],
        { purchaseMode: 'county-purchased-service' },
      );
    },
    expected: { 'YY-YBYH': NA, 'YY-VIDEO': NA, 'YY-CLOUD-COUNTY': 'PASS', 'YY-KEY-DOMAIN': 'PASS' },
  },
  {
    pack: 'yueyang',
    scenario: '县级项目租户未登记购买方式（无法判断）',
    county: '430602',
    system: '社会救助信息管理系统',
    vary: (p) => {
      plainYy(p);
      resources(
        p,
        [
          {
            type: 'ecs',
            vcpu: 4,
            environment: 'production',
            networkZone: egov,
            status: 'running',
            ageDays: 180,
          },
        ],
        { purchaseMode: null },
      );
    },
    expected: { ...PLAIN_YY, 'YY-CLOUD-COUNTY': 'UNKNOWN', 'YY-KEY-DOMAIN': 'PASS' },
  },
  {
    pack: 'yueyang',
    scenario: '仅部署在互联网区（未依托电子政务外网）',
    system: '智慧旅游服务平台',
    vary: (p) => {
      withoutServices(p, { govService: true, video: true });
      resources(
        p,
        [
          {
            type: 'ecs',
            vcpu: 4,
            environment: 'production',
            networkZone: 'internet',
            status: 'running',
            ageDays: 150,
          },
          {
            type: 'slb',
            environment: 'production',
            networkZone: 'internet',
            status: 'running',
            ageDays: 150,
          },
        ],
        { purchaseMode: 'city-allocated' },
      );
    },
    expected: { 'YY-YWTB': NA, 'YY-VIDEO': NA, 'YY-NET-EGOV': 'FAIL' },
  },
  {
    pack: 'yueyang',
    scenario: '电子政务外网与互联网区均有部署（门户在互联网区）',
    system: '人社一体化经办服务平台',
    vary: (p) => {
      withoutServices(p, { video: true });
      resources(
        p,
        [
          {
            type: 'ecs',
            vcpu: 8,
            environment: 'production',
            networkZone: egov,
            status: 'running',
            ageDays: 300,
          },
          {
            type: 'rds',
            vcpu: 4,
            environment: 'production',
            networkZone: egov,
            status: 'running',
            ageDays: 300,
          },
          {
            type: 'ecs',
            vcpu: 2,
            environment: 'production',
            networkZone: 'internet',
            status: 'running',
            ageDays: 280,
          },
          {
            type: 'slb',
            environment: 'production',
            networkZone: 'internet',
            status: 'running',
            ageDays: 280,
          },
        ],
        { purchaseMode: 'city-allocated' },
      );
    },
    expected: { 'YY-VIDEO': NA },
  },
  {
    pack: 'yueyang',
    scenario: '资源未打项目编码，仅能按单位信用代码和系统名称（全角括号、空格写法）建议匹配',
    system: '城市内涝监测预警系统',
    vary: (p) => {
      plainYy(p);
      resources(
        p,
        [
          {
            type: 'ecs',
            vcpu: 4,
            environment: 'production',
            networkZone: egov,
            status: 'running',
            ageDays: 500,
          },
          { type: 'ecs', vcpu: 2, environment: 'test', networkZone: egov, status: 'running', ageDays: 510 },
        ],
        {
          purchaseMode: 'city-allocated',
          unitLevelTenant: true,
          untaggedSystemNames: ['城市内涝\u3000监测预警（系统）', '【城市内涝监测预警】 系统'],
        },
      );
    },
    // The production resource is only suggested, so whether the filing came before it is open too.
    expected: {
      ...PLAIN_YY,
      'YY-CLOUD-DEPLOY': 'UNKNOWN',
      'YY-NET-EGOV': 'UNKNOWN',
      'YY-MLPS-PROD': 'UNKNOWN',
    },
  },
  {
    pack: 'yueyang',
    scenario: '云资源均已停止运行',
    system: '智慧农业综合服务平台',
    vary: (p) => {
      plainYy(p);
      const stopped = {
        environment: 'production',
        networkZone: egov,
        status: 'stopped',
        ageDays: 330,
      } as const;
      resources(
        p,
        [
          { ...stopped, type: 'ecs', vcpu: 4, changedDaysAgo: 45 },
          { ...stopped, type: 'rds', vcpu: 2, changedDaysAgo: 45 },
        ],
        { purchaseMode: 'city-allocated' },
      );
    },
    expected: { ...PLAIN_YY, 'YY-CLOUD-DEPLOY': 'FAIL', 'YY-NET-EGOV': NA, 'YY-MLPS-PROD': NA },
  },
  {
    pack: 'yueyang',
    scenario: '县级项目云资源均已释放（无在用资源，县级购买方式检查不适用）',
    county: '430623',
    system: '食品安全追溯系统',
    vary: (p) => {
      plainYy(p);
      resources(
        p,
        [
          {
            type: 'ecs',
            vcpu: 4,
            environment: 'production',
            networkZone: egov,
            status: 'released',
            ageDays: 300,
            changedDaysAgo: 20,
          },
        ],
        { purchaseMode: 'county-purchased-service' },
      );
    },
    expected: {
      ...PLAIN_YY,
      'YY-CLOUD-DEPLOY': 'FAIL',
      'YY-NET-EGOV': NA,
      'YY-MLPS-PROD': NA,
      'YY-KEY-DOMAIN': 'PASS',
    },
  },
  // ------------------------------------------------------------------ Chenzhou: government cloud
  {
    pack: 'chenzhou',
    scenario: '合规上云且资源利用正常',
    system: '智慧教育云平台',
    vary: (p) =>
      resources(
        p,
        [
          {
            type: 'ecs',
            vcpu: 8,
            environment: 'production',
            networkZone: egov,
            status: 'running',
            ageDays: 300,
            cpuAvg: 37.5,
          },
          {
            type: 'ecs',
            vcpu: 4,
            environment: 'test',
            networkZone: egov,
            status: 'running',
            ageDays: 310,
            cpuAvg: 18,
          },
          {
            type: 'rds',
            vcpu: 4,
            environment: 'production',
            networkZone: egov,
            status: 'running',
            ageDays: 300,
          },
        ],
        { purchaseMode: 'city-allocated' },
      ),
    expected: {},
  },
  {
    pack: 'chenzhou',
    scenario: '8 核云主机长期闲置（30 天平均 CPU 低于 10%）',
    system: '智慧交通综合监测平台',
    vary: (p) => {
      notPlatform(p);
      // Its cameras are on the video platform too, though no Chenzhou rule reads them.
      p.registry.hasVideoInfrastructure = true;
      p.video = baselinePlan('yueyang').video;
      resources(
        p,
        [
          {
            type: 'ecs',
            vcpu: 8,
            environment: 'production',
            networkZone: egov,
            status: 'running',
            ageDays: 260,
            cpuAvg: 3.2,
          },
          {
            type: 'ecs',
            vcpu: 4,
            environment: 'production',
            networkZone: egov,
            status: 'running',
            ageDays: 260,
            cpuAvg: 26.4,
          },
        ],
        { purchaseMode: 'city-allocated' },
      );
    },
    expected: { 'CZ-HUB': NA, 'CZ-CLOUD-INTENSIVE': 'FAIL' },
  },
  {
    pack: 'chenzhou',
    scenario: '未上云（政务云上无任何资源）',
    system: '公共法律服务平台',
    vary: (p) => {
      notPlatform(p);
      resources(p, []);
    },
    expected: { 'CZ-HUB': NA, 'CZ-CLOUD': 'FAIL', 'CZ-CLOUD-INTENSIVE': NA, 'CZ-NET': NA, 'CZ-SECURITY': NA },
  },
  {
    pack: 'chenzhou',
    scenario: '涉密项目（按保密规定执行，不适用本办法）',
    system: '公安专网情报研判系统',
    vary: (p) => {
      noRecords(p);
      p.registry.classified = true;
    },
    expected: Object.fromEntries(Object.keys(BASELINE_EXPECTED.chenzhou).map((id) => [id, NA])),
  },
  {
    pack: 'chenzhou',
    scenario: '有不上云例外文号（豁免）',
    system: '河湖长制信息管理平台',
    vary: (p) => {
      notPlatform(p);
      p.registry.cloudExemption = true;
      resources(p, []);
    },
    expected: {
      'CZ-HUB': NA,
      'CZ-CLOUD': 'WAIVED',
      'CZ-CLOUD-INTENSIVE': NA,
      'CZ-NET': NA,
      'CZ-SECURITY': NA,
    },
  },
  {
    pack: 'chenzhou',
    scenario: '县级项目新开 16 核云主机，尚无利用率数据（不视为闲置）',
    county: '431081',
    system: '工程建设项目审批管理系统',
    vary: (p) => {
      notPlatform(p);
      resources(
        p,
        [
          {
            type: 'ecs',
            vcpu: 16,
            environment: 'production',
            networkZone: egov,
            status: 'running',
            ageDays: 3,
          },
          {
            type: 'ecs',
            vcpu: 2,
            environment: 'test',
            networkZone: egov,
            status: 'running',
            ageDays: 40,
            cpuAvg: 4.1,
          },
        ],
        { purchaseMode: 'county-purchased-service' },
      );
    },
    expected: { 'CZ-HUB': NA },
  },
  {
    pack: 'chenzhou',
    scenario: '县级项目云主机已停止（不上云；停止的闲置主机不计入集约检查）',
    county: '431021',
    system: '智慧养老服务平台',
    vary: (p) => {
      notPlatform(p);
      resources(
        p,
        [
          {
            type: 'ecs',
            vcpu: 8,
            environment: 'production',
            networkZone: egov,
            status: 'stopped',
            ageDays: 280,
            changedDaysAgo: 30,
            cpuAvg: 0.4,
          },
        ],
        { purchaseMode: 'county-purchased-service' },
      );
    },
    expected: { 'CZ-HUB': NA, 'CZ-CLOUD': 'FAIL', 'CZ-NET': NA, 'CZ-SECURITY': NA },
  },
  // ------------------------------------------------------------------ Yueyang: the other rules
  {
    pack: 'yueyang',
    scenario: '市本级政务服务系统全部合规（基线：一网通办、岳办岳好、视频、数据共享、三级等保与密评均到位）',
    system: '医保公共服务平台',
    expected: {},
  },
  {
    pack: 'yueyang',
    scenario: '市大数据中心建设电子政务云平台（不适用“不另建云”要求）',
    system: '电子政务云平台',
    vary: (p) => {
      plainYy(p);
      p.registry.buildsCloudOrDataCentre = true;
    },
    expected: { ...PLAIN_YY, 'YY-CLOUD-NO-SELFBUILD': NA },
  },
  {
    pack: 'yueyang',
    scenario: '另建机房（新建数据中心）并新建政务服务平台',
    system: '12345政务服务便民热线系统',
    vary: (p) => {
      p.registry.buildsCloudOrDataCentre = true;
      p.registry.buildsServicePlatform = true;
    },
    expected: { 'YY-CLOUD-NO-SELFBUILD': 'FAIL', 'YY-YWTB-NO-NEW': 'FAIL' },
  },
  {
    pack: 'yueyang',
    scenario: '登记表“是否新建云或数据中心”“是否新建政务服务平台”均为空（无法判断）',
    system: '义务教育招生入学服务平台',
    vary: (p) => {
      p.registry.buildsCloudOrDataCentre = null;
      p.registry.buildsServicePlatform = null;
    },
    expected: { 'YY-CLOUD-NO-SELFBUILD': 'UNKNOWN', 'YY-YWTB-NO-NEW': 'UNKNOWN' },
  },
  {
    pack: 'yueyang',
    scenario: '等保备案已撤销，生产环境仍在运行（撤销的备案不再定级，测评与密评要求不适用）',
    system: '不动产登记信息管理系统',
    vary: (p) => filing(p, { status: 'REVOKED' }),
    // Nothing is filed any more, and production has run far beyond 30 days.
    expected: { 'YY-MLPS-PROD': 'FAIL', 'YY-MLPS-EVAL': NA, 'YY-CRYPTO': NA, 'YY-MLPS-TIMELY': 'FAIL' },
  },
  {
    pack: 'yueyang',
    scenario:
      '先上线生产环境、后取得备案证明（备案晚于首个生产资源 220 天；上线后才定级，定级后 30 日内备案，不算逾期）',
    system: '工程建设项目审批管理系统',
    vary: (p) => filing(p, { filedDaysAgo: 100 }),
    expected: { 'YY-MLPS-PROD': 'FAIL' },
  },
  {
    pack: 'yueyang',
    scenario: '备案状态为已备案，但备案时间缺失（无法判断是否先备案后上线）',
    system: '政务服务综合受理平台',
    vary: (p) => filing(p, { filedDaysAgo: null }),
    expected: { 'YY-MLPS-PROD': 'UNKNOWN', 'YY-MLPS-TIMELY': 'UNKNOWN' },
  },
  {
    pack: 'yueyang',
    scenario: '备案受理中（三级，尚未测评和密评；定级已近一年，早已超过 30 日备案期限），仅部署在测试环境',
    system: '公共法律服务平台',
    vary: (p) => {
      resources(p, [
        { type: 'ecs', vcpu: 4, environment: 'test', networkZone: egov, status: 'running', ageDays: 200 },
        { type: 'rds', vcpu: 2, environment: 'test', networkZone: egov, status: 'running', ageDays: 200 },
      ]);
      filing(p, { status: 'PENDING', evaluations: [], cryptoAssessments: [] });
    },
    expected: { 'YY-MLPS-PROD': NA, 'YY-MLPS-EVAL': 'FAIL', 'YY-CRYPTO': 'FAIL', 'YY-MLPS-TIMELY': 'FAIL' },
  },
  {
    pack: 'yueyang',
    scenario: '三级系统等级测评逾期（最近一次在 400 天前）且没有密评记录',
    system: '医保公共服务平台',
    vary: (p) =>
      filing(p, {
        evaluations: [
          { daysAgo: 400, conclusion: 'GOOD' },
          { daysAgo: 770, conclusion: 'GOOD' },
        ],
        cryptoAssessments: [],
      }),
    expected: { 'YY-MLPS-EVAL': 'FAIL', 'YY-CRYPTO': 'FAIL' },
  },
  {
    pack: 'yueyang',
    scenario: '最近一次等级测评结论为“差”，最近一次密评“不符合”（此前一次为“符合”）',
    system: '人社一体化经办服务平台',
    vary: (p) =>
      filing(p, {
        evaluations: [
          { daysAgo: 45, conclusion: 'POOR' },
          { daysAgo: 410, conclusion: 'GOOD' },
        ],
        cryptoAssessments: [
          { daysAgo: 30, conclusion: 'FAIL' },
          { daysAgo: 400, conclusion: 'PASS' },
        ],
      }),
    expected: { 'YY-MLPS-EVAL': 'FAIL', 'YY-CRYPTO': 'FAIL' },
  },
  {
    pack: 'yueyang',
    scenario: '四级系统超过半年未测评（最近一次在 200 天前；密评“基本符合”）',
    system: '不动产登记信息管理系统',
    vary: (p) =>
      filing(p, {
        level: 4,
        evaluations: [{ daysAgo: 200, conclusion: 'EXCELLENT' }],
        cryptoAssessments: [{ daysAgo: 150, conclusion: 'BASIC_PASS' }],
      }),
    expected: { 'YY-MLPS-EVAL': 'FAIL' },
  },
  {
    pack: 'yueyang',
    scenario: '二级系统（无需年度等级测评和密评）',
    system: '12345政务服务便民热线系统',
    vary: (p) =>
      filing(p, { level: 2, evaluations: [{ daysAgo: 500, conclusion: 'GOOD' }], cryptoAssessments: [] }),
    expected: { 'YY-MLPS-EVAL': NA, 'YY-CRYPTO': NA },
  },
  {
    pack: 'yueyang',
    scenario: '等保备案未打项目编码（定级对象名称写法不同，仅能建议匹配）',
    system: '义务教育招生入学服务平台',
    vary: (p) => filing(p, { untagged: true }),
    expected: {
      'YY-MLPS-PROD': 'UNKNOWN',
      'YY-MLPS-EVAL': 'UNKNOWN',
      'YY-CRYPTO': 'UNKNOWN',
      'YY-MLPS-TIMELY': 'UNKNOWN',
    },
  },
  {
    pack: 'yueyang',
    scenario: '一网通办联调测试中：未完成统一受理，最近一次办件数据回流在 45 天前',
    system: '政务服务综合受理平台',
    vary: (p) => {
      p.ywtb = [
        {
          status: 'TESTING',
          items: {
            unifiedIdentity: true,
            unifiedIntake: false,
            caseDataReturn: true,
            unifiedEvaluation: false,
          },
          lastReturnDaysAgo: 45,
        },
      ];
    },
    expected: { 'YY-YWTB': 'FAIL' },
  },
  {
    pack: 'yueyang',
    scenario: '岳办岳好服务已下架，另建独立移动 App',
    system: '医保公共服务平台',
    vary: (p) => {
      p.ybyh = [{ status: 'OFFLINE', kind: 'MINIAPP' }];
      p.registry.standaloneMobileApp = true;
    },
    expected: { 'YY-YBYH': 'FAIL' },
  },
  {
    pack: 'yueyang',
    scenario: '视频在线通道比例 0.85（低于 0.9；一台设备离线）',
    system: '数字城管综合信息平台',
    vary: (p) => {
      withoutServices(p, { govService: true, mobile: true });
      p.video = {
        platform: null,
        devices: [
          { status: 'ON', channels: 8, online: 8 },
          { status: 'ON', channels: 6, online: 6 },
          { status: 'ON', channels: 3, online: 3 },
          // An OFF device's last reported count is not believed: none of its channels is online.
          { status: 'OFF', channels: 3, online: 3 },
        ],
      };
    },
    expected: { 'YY-YWTB': NA, 'YY-YBYH': NA, 'YY-VIDEO': 'FAIL' },
  },
  {
    pack: 'yueyang',
    scenario: '视频设备均已删除（视频共享平台上无在用设备）',
    system: '智慧工地监管平台',
    vary: (p) => {
      withoutServices(p, { govService: true, mobile: true });
      p.video = {
        platform: null,
        devices: [
          { status: 'DELETED', channels: 4, online: 0 },
          { status: 'DELETED', channels: 4, online: 0 },
        ],
      };
    },
    expected: { 'YY-YWTB': NA, 'YY-YBYH': NA, 'YY-VIDEO': 'FAIL' },
  },
  {
    pack: 'yueyang',
    scenario: '一网通办、岳办岳好、视频下级平台和共享交换平台上的记录均未打项目编码（仅能建议匹配）',
    system: '人社一体化经办服务平台',
    vary: (p) => {
      p.ywtb = p.ywtb.map((r) => ({ ...r, untagged: true }));
      p.ybyh = p.ybyh.map((r) => ({ ...r, untagged: true }));
      p.exchange = p.exchange.map((r) => ({ ...r, untagged: true }));
      // Every camera behind the untagged platform: none is tied to the project by its own code.
      p.video = {
        platform: { cascadeStatus: 'ONLINE', untagged: true },
        devices: p.video.devices.filter((d) => d.viaPlatform),
      };
    },
    expected: {
      'YY-YWTB': 'UNKNOWN',
      'YY-YBYH': 'UNKNOWN',
      'YY-VIDEO': 'UNKNOWN',
      'YY-DATA-SHARE': 'UNKNOWN',
    },
  },
  {
    pack: 'yueyang',
    scenario: '资源目录为草稿或未挂接数据（无已发布并挂接的目录）',
    system: '不动产登记信息管理系统',
    vary: (p) => {
      p.exchange[0]!.entries = [
        {
          shareType: 'UNCONDITIONAL',
          updateCycle: 'DAILY',
          mountType: 'API',
          updatedDaysAgo: 2,
          status: 'DRAFT',
        },
        {
          shareType: 'CONDITIONAL',
          updateCycle: 'MONTHLY',
          mountType: 'NONE',
          updatedDaysAgo: null,
          status: 'PUBLISHED',
        },
      ];
    },
    expected: { 'YY-DATA-SHARE': 'FAIL' },
  },
  {
    pack: 'yueyang',
    scenario: '已发布的资源目录未报告挂接方式（无法判断是否已挂接数据）',
    system: '工程建设项目审批管理系统',
    vary: (p) => {
      p.exchange[0]!.entries = [
        {
          shareType: 'CONDITIONAL',
          updateCycle: 'WEEKLY',
          mountType: null,
          updatedDaysAgo: 3,
          status: 'PUBLISHED',
        },
      ];
    },
    expected: { 'YY-DATA-SHARE': 'UNKNOWN' },
  },
  {
    pack: 'yueyang',
    scenario:
      '非政务服务系统，无移动端、视频和数据资源；150 万元（无需专家评审和监理，按初验—试运行—申请验收）',
    system: '机关协同办公系统',
    vary: (p) => {
      withoutServices(p, { govService: true, mobile: true, video: true, data: true });
      p.registry.investment = '150.00';
      p.registry.docs.expertReview = false;
      p.registry.docs.supervisionContract = false;
    },
    expected: {
      ...PLAIN_YY,
      'YY-DATA-SHARE': NA,
      'YY-EXPERT-REVIEW': NA,
      'YY-SUPERVISION': NA,
    },
  },
  {
    pack: 'yueyang',
    scenario: '250 万元项目没有专家评审和监理合同',
    system: '智慧养老服务平台',
    vary: (p) => {
      withoutServices(p, { govService: true, video: true });
      p.registry.investment = '250.00';
      p.registry.docs.expertReview = false;
      p.registry.docs.supervisionContract = false;
    },
    expected: { 'YY-YWTB': NA, 'YY-VIDEO': NA, 'YY-EXPERT-REVIEW': 'FAIL', 'YY-SUPERVISION': 'FAIL' },
  },
  {
    pack: 'yueyang',
    scenario: '80 万元小额项目：列入增补计划（计划年度未登记），自行组织验收，无初验和试运行',
    system: '社会救助信息管理系统',
    vary: (p) => {
      plainYy(p);
      p.registry.investment = '80.00';
      p.registry.plan = 'supplementary-no-year';
      p.registry.docs.expertReview = false;
      p.registry.docs.supervisionContract = false;
      p.registry.dates = { ...p.registry.dates, preliminary: null, trialStart: null, trialEnd: null };
    },
    expected: { ...PLAIN_YY, 'YY-EXPERT-REVIEW': NA, 'YY-SUPERVISION': NA },
  },
  {
    pack: 'yueyang',
    scenario: '未列入年度或增补计划；采购文件未报备，运维期仅 6 个月，缺运维方案',
    system: '公交运营调度系统',
    vary: (p) => {
      plainYy(p);
      p.registry.plan = 'none';
      p.registry.procurementFiled = false;
      p.registry.omPeriodMonths = 6;
      p.registry.omPlan = false;
    },
    expected: {
      ...PLAIN_YY,
      'YY-PLAN': 'FAIL',
      'YY-PROCUREMENT-FILED': 'FAIL',
      'YY-OM-PERIOD': 'FAIL',
      'YY-SECURITY-SYNC': 'FAIL',
    },
  },
  {
    pack: 'yueyang',
    scenario: '初步验收晚于试运行开始（验收程序颠倒）',
    system: '智慧旅游服务平台',
    vary: (p) => {
      p.registry.dates = { ...p.registry.dates, preliminary: 190, trialStart: 195 };
    },
    expected: { 'YY-ACCEPTANCE-PATH': 'FAIL' },
  },
  {
    pack: 'yueyang',
    scenario: '登记表中试运行结束日期早于开始日期（日期有误，无法判断验收程序）',
    system: '预算管理一体化系统',
    vary: (p) => {
      plainYy(p);
      p.registry.dates = { ...p.registry.dates, preliminary: 200, trialStart: 195, trialEnd: 198 };
    },
    expected: { ...PLAIN_YY, 'YY-ACCEPTANCE-PATH': 'UNKNOWN' },
  },
  {
    pack: 'yueyang',
    scenario: '县级项目单独建设重点领域（智慧医疗）系统',
    county: '430624',
    system: '基层医疗卫生机构管理信息系统',
    vary: plainYy,
    expected: { ...PLAIN_YY, 'YY-CLOUD-COUNTY': 'PASS', 'YY-KEY-DOMAIN': 'FAIL' },
  },
  // ------------------------------------------------------------------ Chenzhou: the other rules
  {
    pack: 'chenzhou',
    scenario: '市本级应用平台全部合规（基线：数据汇聚共享、城市大脑接入、三级等保与密评、评审程序均到位）',
    system: '全民健康信息平台',
    expected: {},
  },
  {
    pack: 'chenzhou',
    scenario: '资源目录含草稿，不予共享目录缺少法律依据',
    system: '国土空间基础信息平台',
    vary: (p) => {
      p.exchange[0]!.entries = [
        {
          shareType: 'UNCONDITIONAL',
          updateCycle: 'DAILY',
          mountType: 'API',
          updatedDaysAgo: 0.4,
          status: 'PUBLISHED',
        },
        {
          shareType: 'CONDITIONAL',
          updateCycle: 'WEEKLY',
          mountType: 'DATABASE',
          updatedDaysAgo: 3,
          status: 'DRAFT',
        },
        {
          shareType: 'NOT_SHARED',
          withBasis: false,
          updateCycle: 'QUARTERLY',
          mountType: 'FILE',
          updatedDaysAgo: 40,
          status: 'PUBLISHED',
        },
      ];
    },
    expected: { 'CZ-DATA-AGG': 'FAIL' },
  },
  {
    pack: 'chenzhou',
    scenario: '近 30 天没有对外提供数据，资源目录未按更新周期更新',
    system: '智慧市场监管平台',
    vary: (p) => {
      notPlatform(p);
      p.exchange[0]!.stats = { providedCalls: 0, consumedCalls: 35, lastExchangeDaysAgo: 60 };
      p.exchange[0]!.entries = [
        {
          shareType: 'UNCONDITIONAL',
          updateCycle: 'DAILY',
          mountType: 'API',
          updatedDaysAgo: 20,
          status: 'PUBLISHED',
        },
        {
          shareType: 'CONDITIONAL',
          updateCycle: 'MONTHLY',
          mountType: 'DATABASE',
          updatedDaysAgo: 50,
          status: 'PUBLISHED',
        },
      ];
    },
    expected: { 'CZ-HUB': NA, 'CZ-DATA-SHARE': 'FAIL' },
  },
  {
    pack: 'chenzhou',
    scenario: '资源目录未报告挂接方式（无法判断是否已挂接数据）',
    system: '统计数据采集处理系统',
    vary: (p) => {
      notPlatform(p);
      p.exchange[0]!.entries = [
        {
          shareType: 'UNCONDITIONAL',
          updateCycle: 'DAILY',
          mountType: 'API',
          updatedDaysAgo: 0.5,
          status: 'PUBLISHED',
        },
        {
          shareType: 'CONDITIONAL',
          updateCycle: 'YEARLY',
          mountType: null,
          updatedDaysAgo: 90,
          status: 'PUBLISHED',
        },
      ];
    },
    expected: { 'CZ-HUB': NA, 'CZ-DATA-AGG': 'UNKNOWN' },
  },
  {
    pack: 'chenzhou',
    scenario: '共享交换系统、城市大脑应用和等保备案均未打项目编码（仅能建议匹配）',
    system: '全民健康信息平台',
    vary: (p) => {
      p.exchange = p.exchange.map((r) => ({ ...r, untagged: true }));
      p.brain = p.brain.map((r) => ({ ...r, untagged: true }));
      filing(p, { untagged: true });
    },
    expected: {
      'CZ-DATA-AGG': 'UNKNOWN',
      'CZ-DATA-SHARE': 'UNKNOWN',
      'CZ-HUB': 'UNKNOWN',
      'CZ-SECURITY': 'UNKNOWN',
      'CZ-CRYPTO': 'UNKNOWN',
      'CZ-MLPS-TIMELY': 'UNKNOWN',
    },
  },
  {
    pack: 'chenzhou',
    scenario: '城市大脑中枢最近一次心跳在 10 天前（超过 7 天）',
    system: '智慧旅游服务平台',
    vary: (p) => {
      p.brain = [{ status: 'CONNECTED', accessMode: 'EVENT', heartbeatDaysAgo: 10 }];
    },
    expected: { 'CZ-HUB': 'FAIL' },
  },
  {
    pack: 'chenzhou',
    scenario: '二级系统已备案（无需年度测评和密评）；未填“是否应用平台”；无交换统计，按目录更新周期判定共享',
    system: '公交运营调度系统',
    vary: (p) => {
      withoutServices(p, { appPlatform: true });
      p.registry.isApplicationPlatform = null;
      filing(p, { level: 2, evaluations: [], cryptoAssessments: [] });
      p.exchange[0]!.stats = null;
    },
    expected: { 'CZ-HUB': NA, 'CZ-CRYPTO': NA },
  },
  {
    pack: 'chenzhou',
    scenario: '仅部署在互联网区（未联通电子政务外网）',
    system: '智慧交通综合监测平台',
    vary: (p) => {
      notPlatform(p);
      resources(p, [
        {
          type: 'ecs',
          vcpu: 4,
          environment: 'production',
          networkZone: 'internet',
          status: 'running',
          ageDays: 210,
        },
        { type: 'slb', environment: 'production', networkZone: 'internet', status: 'running', ageDays: 210 },
      ]);
    },
    expected: { 'CZ-HUB': NA, 'CZ-NET': 'FAIL' },
  },
  {
    pack: 'chenzhou',
    scenario: '等保备案已撤销，生产环境仍在运行',
    system: '不动产登记信息管理系统',
    vary: (p) => {
      notPlatform(p);
      filing(p, { status: 'REVOKED' });
    },
    expected: { 'CZ-HUB': NA, 'CZ-SECURITY': 'FAIL', 'CZ-CRYPTO': NA, 'CZ-MLPS-TIMELY': 'FAIL' },
  },
  {
    pack: 'chenzhou',
    scenario: '三级系统等级测评逾期（最近一次在 400 天前），最近一次密评“不符合”',
    system: '医保智能监管系统',
    vary: (p) => {
      notPlatform(p);
      filing(p, {
        evaluations: [{ daysAgo: 400, conclusion: 'GOOD' }],
        cryptoAssessments: [{ daysAgo: 40, conclusion: 'FAIL' }],
      });
    },
    expected: { 'CZ-HUB': NA, 'CZ-SECURITY': 'FAIL', 'CZ-CRYPTO': 'FAIL' },
  },
  {
    pack: 'chenzhou',
    scenario: '120 万元项目缺财政投资评审、监理合同和密码前置审查',
    system: '智慧农业综合服务平台',
    vary: (p) => {
      notPlatform(p);
      p.registry.investment = '120.00';
      p.registry.docs.financialReview = false;
      p.registry.docs.supervisionContract = false;
      p.registry.docs.cryptoPrereview = false;
    },
    expected: { 'CZ-HUB': NA, 'CZ-REVIEW-PATH': 'FAIL', 'CZ-SUPERVISION': 'FAIL', 'CZ-PREREVIEW': 'FAIL' },
  },
  {
    pack: 'chenzhou',
    scenario: '1200 万元项目未立项（无立项日期，技术初审和财政评审已完成）',
    system: '国土空间基础信息平台',
    vary: (p) => {
      p.registry.investment = '1200.00';
      p.registry.dates = { ...p.registry.dates, approved: null };
    },
    expected: { 'CZ-REVIEW-PATH': 'FAIL' },
  },
  {
    pack: 'chenzhou',
    scenario: '50 万元小额项目（自行实施，无需评审与监理；未列入年度计划，有“一事一议”决定）',
    system: '食品安全追溯系统',
    vary: (p) => {
      notPlatform(p);
      p.registry.investment = '50.00';
      p.registry.plan = 'case-by-case';
      p.registry.docs = {
        expertReview: false,
        technicalReview: false,
        financialReview: false,
        supervisionContract: false,
        securityPrereview: false,
        cryptoPrereview: false,
        reliabilityPrereview: false,
        eArchivePrereview: false,
      };
    },
    expected: { 'CZ-HUB': NA, 'CZ-SUPERVISION': NA, 'CZ-PREREVIEW': NA, 'CZ-PREREVIEW-RELIABLE': NA },
  },
  {
    pack: 'chenzhou',
    scenario: '未列入年度计划且无“一事一议”决定；先申请竣工验收、后初步验收',
    system: '预算管理一体化系统',
    vary: (p) => {
      notPlatform(p);
      p.registry.plan = 'none';
      p.registry.dates = { ...p.registry.dates, applied: 210 };
    },
    expected: { 'CZ-HUB': NA, 'CZ-PLAN': 'FAIL', 'CZ-ACCEPTANCE-FLOW': 'FAIL' },
  },
  // ------------------------------------------------------------------ the registry's later columns
  {
    pack: 'yueyang',
    scenario: '立项后未报送财政投资评审，没有网络安全审查记录；已通过竣工验收，但验收资料未报备',
    system: '智慧养老服务平台',
    vary: (p) => {
      plainYy(p);
      p.registry.docs.financialReview = false;
      p.registry.docs.securityPrereview = false;
      p.registry.dates.accepted = 30;
      p.registry.acceptanceFiled = false;
    },
    expected: {
      ...PLAIN_YY,
      'YY-FINANCE-REVIEW': 'FAIL',
      'YY-NETSEC-REVIEW': 'FAIL',
      'YY-ACCEPTANCE-FILED': 'FAIL',
    },
  },
  {
    pack: 'yueyang',
    scenario:
      '二级系统 20 天前定级、备案仍在受理中（超过 14 天未出具备案证明；距 30 日备案期限尚有 10 天），仅部署在测试环境',
    system: '公共法律服务平台',
    vary: (p) => {
      plainYy(p);
      resources(p, [
        { type: 'ecs', vcpu: 4, environment: 'test', networkZone: egov, status: 'running', ageDays: 60 },
      ]);
      filing(p, { level: 2, status: 'PENDING', gradedDaysAgo: 20, evaluations: [], cryptoAssessments: [] });
    },
    expected: { ...PLAIN_YY, 'YY-MLPS-PROD': NA, 'YY-MLPS-EVAL': NA, 'YY-CRYPTO': NA },
  },
  {
    pack: 'chenzhou',
    scenario: '缺安全可靠审查和电子档案审查；上线前定级，却在投入运行 220 天后才备案（超过 30 日期限）',
    system: '智慧市场监管平台',
    vary: (p) => {
      notPlatform(p);
      p.registry.docs.reliabilityPrereview = false;
      p.registry.docs.eArchivePrereview = false;
      filing(p, { filedDaysAgo: 100, gradedDaysAgo: 340 });
    },
    expected: { 'CZ-HUB': NA, 'CZ-PREREVIEW-RELIABLE': 'FAIL', 'CZ-MLPS-TIMELY': 'FAIL' },
  },
  // ------------------------------------------------------------------ records that break their contract
  // Each project below has a record of its own that fails the contract but names the project: the hub
  // keeps it as untrusted evidence. A rule reading its kind is UNKNOWN unless the project's valid records
  // decide it whatever the record holds. Another project of the same unit (designed above) is untouched.
  {
    pack: 'yueyang',
    scenario:
      '唯一的生产云主机网络区域写作 egov_extranet，一网通办状态写作 LIVE，岳办岳好服务状态写作 PUBLISHED（均不符合接口约定，无法判断）',
    system: '医保公共服务平台',
    vary: (p) => {
      withoutServices(p, { video: true });
      resources(p, [
        {
          type: 'ecs',
          vcpu: 8,
          environment: 'production',
          networkZone: egov,
          status: 'running',
          ageDays: 320,
          broken: valueNotInContract('networkZone', 'egov_extranet'),
        },
      ]);
      p.ywtb[0]!.broken = valueNotInContract('status', 'LIVE');
      p.ybyh[0]!.broken = valueNotInContract('status', 'PUBLISHED');
    },
    // The filing time is known, so whether it came in time does not hang on the resource's zone.
    expected: {
      'YY-VIDEO': NA,
      'YY-CLOUD-DEPLOY': 'UNKNOWN',
      'YY-NET-EGOV': 'UNKNOWN',
      'YY-MLPS-PROD': 'UNKNOWN',
      'YY-YWTB': 'UNKNOWN',
      'YY-YBYH': 'UNKNOWN',
    },
  },
  {
    pack: 'yueyang',
    scenario:
      '已通过竣工验收并报备资料；另有一台网络区域写错的云主机、一台状态写错的单通道摄像机和一条更新时间无时区的资源目录，有效记录已足以得出结论',
    system: '人社一体化经办服务平台',
    vary: (p) => {
      p.registry.dates.accepted = 40;
      p.registry.acceptanceFiled = true;
      p.cloud.resources.push({
        type: 'ecs',
        vcpu: 2,
        environment: 'production',
        networkZone: egov,
        status: 'running',
        ageDays: 300,
        broken: valueNotInContract('networkZone', 'egov_extranet'),
      });
      // 19 of 21 channels online even if this camera is off: the ratio stays at least 0.9.
      p.video.devices.push({
        status: 'ON',
        channels: 1,
        online: 1,
        broken: valueNotInContract('status', 'ONLINE'),
      });
      p.exchange[0]!.entries[1]!.broken = withoutZone('lastDataUpdateAt');
    },
    expected: { 'YY-ACCEPTANCE-FILED': 'PASS' },
  },
  {
    pack: 'yueyang',
    scenario:
      '县级项目：租户购买方式写作 purchased-service，共享交换接入状态写作 ONLINE，一台 4 通道摄像机状态写作 ONLINE（均无法判断）',
    county: '430681',
    system: '12345政务服务便民热线系统',
    vary: (p) => {
      p.cloud.brokenTenant = valueNotInContract('purchaseMode', 'purchased-service');
      p.exchange[0]!.broken = valueNotInContract('accessStatus', 'ONLINE');
      // 19 of 24 channels if it is off, 23 of 24 if it is on: the ratio hangs on it.
      p.video.devices.push({
        status: 'ON',
        channels: 4,
        online: 4,
        broken: valueNotInContract('status', 'ONLINE'),
      });
    },
    expected: {
      'YY-CLOUD-COUNTY': 'UNKNOWN',
      'YY-KEY-DOMAIN': 'PASS',
      'YY-DATA-SHARE': 'UNKNOWN',
      'YY-VIDEO': 'UNKNOWN',
    },
  },
  {
    pack: 'yueyang',
    scenario:
      '等保备案的备案时间为 2 月 30 日（无法判断）；级联视频平台的级联状态写作 CONNECTED（视频结论只看设备通道，不受影响）',
    system: '不动产登记信息管理系统',
    vary: (p) => {
      withoutServices(p, { govService: true, mobile: true });
      filing(p, { broken: thirtiethOfFebruary('filedAt') });
      p.video.platform!.broken = valueNotInContract('cascadeStatus', 'CONNECTED');
    },
    expected: {
      'YY-YWTB': NA,
      'YY-YBYH': NA,
      'YY-MLPS-PROD': 'UNKNOWN',
      'YY-MLPS-EVAL': 'UNKNOWN',
      'YY-CRYPTO': 'UNKNOWN',
      'YY-MLPS-TIMELY': 'UNKNOWN',
    },
  },
  {
    pack: 'chenzhou',
    scenario:
      '等保备案编号缺连字符（无法判断）；无交换统计，一条日更目录的更新时间无时区（无法判断是否按周期共享）',
    system: '国土空间基础信息平台',
    vary: (p) => {
      filing(p, { broken: filingNoWithoutDash });
      p.exchange[0]!.stats = null;
      p.exchange[0]!.entries[0]!.broken = withoutZone('lastDataUpdateAt');
    },
    expected: {
      'CZ-SECURITY': 'UNKNOWN',
      'CZ-CRYPTO': 'UNKNOWN',
      'CZ-MLPS-TIMELY': 'UNKNOWN',
      'CZ-DATA-SHARE': 'UNKNOWN',
    },
  },
  {
    pack: 'chenzhou',
    scenario:
      '资源目录未按周期更新，交换统计的最近交换时间无时区（无法判断近 30 天是否提供数据）；城市大脑心跳时间无时区（无法判断）',
    system: '全民健康信息平台',
    vary: (p) => {
      const x = p.exchange[0]!;
      x.entries = x.entries.map((e) => ({ ...e, updatedDaysAgo: (e.updatedDaysAgo ?? 0) + 400 }));
      x.stats = { ...x.stats!, broken: withoutZone('lastExchangeAt') };
      p.brain[0]!.broken = withoutZone('lastHeartbeatAt');
    },
    expected: { 'CZ-DATA-SHARE': 'UNKNOWN', 'CZ-HUB': 'UNKNOWN' },
  },
];
