import type { PolicyPackId } from '@hub/contracts';

/** Verdicts a rule can give (obligations.md "Verdicts"). */
export type DesignedVerdict = 'PASS' | 'FAIL' | 'WAIVED' | 'NOT_APPLICABLE' | 'UNKNOWN';

/** The cloud rules each pack applies today; a designed project lists an expected verdict for each. */
export const DEMO_RULE_IDS: Readonly<Record<PolicyPackId, readonly string[]>> = {
  yueyang: ['YY-CLOUD-DEPLOY', 'YY-CLOUD-COUNTY', 'YY-NET-EGOV'],
  chenzhou: ['CZ-CLOUD', 'CZ-CLOUD-INTENSIVE'],
};

/** How a tenant was provided: allocated by the city, or bought as a service by a county (县市区). */
export type PurchaseMode = 'city-allocated' | 'county-purchased-service';

/** One cloud resource a scenario needs, in relative terms. */
export interface ResourcePlan {
  type: 'ecs' | 'rds' | 'redis' | 'oss' | 'slb' | 'k8s-node' | 'gpu' | 'other';
  vcpu?: number;
  environment: 'production' | 'test';
  networkZone: 'egov-extranet' | 'internet' | 'private';
  status: 'running' | 'stopped' | 'released';
  /** created this many days before now */
  ageDays: number;
  /** last changed this many days before now; drawn within the resource's life when absent */
  changedDaysAgo?: number;
  /** 30-day CPU average in percent; a busy figure (≥ 12) is drawn when absent */
  cpuAvg?: number;
}

/** A hand-designed project: the data it needs and the verdicts the hub must reach on it. */
export interface DesignedScenario {
  pack: PolicyPackId;
  /** what the scenario shows, in Chinese, as reported in `designed.json` */
  scenario: string;
  /** county division code; absent for 市本级 */
  county?: string;
  /** one of SYSTEM_THEMES' system names */
  system: string;
  classified?: boolean;
  internalUseOnly?: boolean;
  /** a 不上云例外文号 is on record */
  exemption?: boolean;
  /** the tenant its resources live in; absent when it has none */
  tenant?: {
    /** null: the tenant record carries no purchaseMode */
    purchaseMode: PurchaseMode | null;
    /** one tenant for the whole unit (older set-ups) instead of one per project */
    unitLevel?: boolean;
  };
  /**
   * The resources carry no projectCode, only these system names (one per resource, cycling): the hub can
   * only suggest them by unit credit code and system name.
   */
  untaggedSystemNames?: readonly string[];
  resources: readonly ResourcePlan[];
  expected: Readonly<Record<string, DesignedVerdict>>;
}

const NA = 'NOT_APPLICABLE';
const egov = 'egov-extranet';

/**
 * The designed scenarios, in the order their projects are numbered. Each covers one branch of the cloud
 * rules' semantics; the seeded mix around them only adds volume.
 */
export const DESIGNED_SCENARIOS: readonly DesignedScenario[] = [
  {
    pack: 'yueyang',
    scenario: '市本级项目合规上云（生产区与测试区均在电子政务外网运行，另有一条已释放的历史资源）',
    system: '医保智能监管系统',
    tenant: { purchaseMode: 'city-allocated' },
    resources: [
      { type: 'ecs', vcpu: 8, environment: 'production', networkZone: egov, status: 'running', ageDays: 320 },
      { type: 'rds', vcpu: 4, environment: 'production', networkZone: egov, status: 'running', ageDays: 320 },
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
    expected: { 'YY-CLOUD-DEPLOY': 'PASS', 'YY-CLOUD-COUNTY': NA, 'YY-NET-EGOV': 'PASS' },
  },
  {
    pack: 'yueyang',
    scenario: '市本级项目未上云（政务云上无任何资源）',
    system: '非税收入收缴管理系统',
    resources: [],
    expected: { 'YY-CLOUD-DEPLOY': 'FAIL', 'YY-CLOUD-COUNTY': NA, 'YY-NET-EGOV': NA },
  },
  {
    pack: 'yueyang',
    scenario: '涉密项目（不适用上云要求）',
    system: '涉密文件交换系统',
    classified: true,
    resources: [],
    expected: { 'YY-CLOUD-DEPLOY': NA, 'YY-CLOUD-COUNTY': NA, 'YY-NET-EGOV': NA },
  },
  {
    pack: 'yueyang',
    scenario: '单位内部设备（会议室视频会议系统，不适用上云要求）',
    system: '机关会议室视频会议系统',
    internalUseOnly: true,
    resources: [],
    expected: { 'YY-CLOUD-DEPLOY': NA, 'YY-CLOUD-COUNTY': NA, 'YY-NET-EGOV': NA },
  },
  {
    pack: 'yueyang',
    scenario: '有不上云例外文号且无云资源（豁免）',
    system: '统计数据采集处理系统',
    exemption: true,
    resources: [],
    expected: { 'YY-CLOUD-DEPLOY': 'WAIVED', 'YY-CLOUD-COUNTY': NA, 'YY-NET-EGOV': NA },
  },
  {
    pack: 'yueyang',
    scenario: '县级项目购买方式错误（租户为市级调拨，应以购买服务方式部署）',
    county: '430621',
    system: '就业创业公共服务系统',
    tenant: { purchaseMode: 'city-allocated' },
    resources: [
      { type: 'ecs', vcpu: 4, environment: 'production', networkZone: egov, status: 'running', ageDays: 200 },
      { type: 'rds', vcpu: 2, environment: 'production', networkZone: egov, status: 'running', ageDays: 200 },
    ],
    expected: { 'YY-CLOUD-DEPLOY': 'PASS', 'YY-CLOUD-COUNTY': 'FAIL', 'YY-NET-EGOV': 'PASS' },
  },
  {
    pack: 'yueyang',
    scenario: '县级项目以购买服务方式部署于市电子政务云（合规）',
    county: '430681',
    system: '政务服务综合受理平台',
    tenant: { purchaseMode: 'county-purchased-service' },
    resources: [
      { type: 'ecs', vcpu: 4, environment: 'production', networkZone: egov, status: 'running', ageDays: 240 },
      { type: 'ecs', vcpu: 2, environment: 'test', networkZone: egov, status: 'running', ageDays: 260 },
      { type: 'oss', environment: 'production', networkZone: egov, status: 'running', ageDays: 240 },
    ],
    expected: { 'YY-CLOUD-DEPLOY': 'PASS', 'YY-CLOUD-COUNTY': 'PASS', 'YY-NET-EGOV': 'PASS' },
  },
  {
    pack: 'yueyang',
    scenario: '县级项目租户未登记购买方式（无法判断）',
    county: '430602',
    system: '社会救助信息管理系统',
    tenant: { purchaseMode: null },
    resources: [
      { type: 'ecs', vcpu: 4, environment: 'production', networkZone: egov, status: 'running', ageDays: 180 },
    ],
    expected: { 'YY-CLOUD-DEPLOY': 'PASS', 'YY-CLOUD-COUNTY': 'UNKNOWN', 'YY-NET-EGOV': 'PASS' },
  },
  {
    pack: 'yueyang',
    scenario: '仅部署在互联网区（未依托电子政务外网）',
    system: '智慧旅游服务平台',
    tenant: { purchaseMode: 'city-allocated' },
    resources: [
      {
        type: 'ecs',
        vcpu: 4,
        environment: 'production',
        networkZone: 'internet',
        status: 'running',
        ageDays: 150,
      },
      { type: 'slb', environment: 'production', networkZone: 'internet', status: 'running', ageDays: 150 },
    ],
    expected: { 'YY-CLOUD-DEPLOY': 'PASS', 'YY-CLOUD-COUNTY': NA, 'YY-NET-EGOV': 'FAIL' },
  },
  {
    pack: 'yueyang',
    scenario: '电子政务外网与互联网区均有部署（门户在互联网区）',
    system: '人社一体化经办服务平台',
    tenant: { purchaseMode: 'city-allocated' },
    resources: [
      { type: 'ecs', vcpu: 8, environment: 'production', networkZone: egov, status: 'running', ageDays: 300 },
      { type: 'rds', vcpu: 4, environment: 'production', networkZone: egov, status: 'running', ageDays: 300 },
      {
        type: 'ecs',
        vcpu: 2,
        environment: 'production',
        networkZone: 'internet',
        status: 'running',
        ageDays: 280,
      },
      { type: 'slb', environment: 'production', networkZone: 'internet', status: 'running', ageDays: 280 },
    ],
    expected: { 'YY-CLOUD-DEPLOY': 'PASS', 'YY-CLOUD-COUNTY': NA, 'YY-NET-EGOV': 'PASS' },
  },
  {
    pack: 'yueyang',
    scenario: '资源未打项目编码，仅能按单位信用代码和系统名称（全角括号、空格写法）建议匹配',
    system: '城市内涝监测预警系统',
    tenant: { purchaseMode: 'city-allocated', unitLevel: true },
    untaggedSystemNames: ['城市内涝\u3000监测预警（系统）', '【城市内涝监测预警】 系统'],
    resources: [
      { type: 'ecs', vcpu: 4, environment: 'production', networkZone: egov, status: 'running', ageDays: 500 },
      { type: 'ecs', vcpu: 2, environment: 'test', networkZone: egov, status: 'running', ageDays: 510 },
    ],
    expected: { 'YY-CLOUD-DEPLOY': 'UNKNOWN', 'YY-CLOUD-COUNTY': NA, 'YY-NET-EGOV': 'UNKNOWN' },
  },
  {
    pack: 'yueyang',
    scenario: '云资源均已停止运行',
    system: '智慧农业综合服务平台',
    tenant: { purchaseMode: 'city-allocated' },
    resources: [
      {
        type: 'ecs',
        vcpu: 4,
        environment: 'production',
        networkZone: egov,
        status: 'stopped',
        ageDays: 330,
        changedDaysAgo: 45,
      },
      {
        type: 'rds',
        vcpu: 2,
        environment: 'production',
        networkZone: egov,
        status: 'stopped',
        ageDays: 330,
        changedDaysAgo: 45,
      },
    ],
    expected: { 'YY-CLOUD-DEPLOY': 'FAIL', 'YY-CLOUD-COUNTY': NA, 'YY-NET-EGOV': NA },
  },
  {
    pack: 'yueyang',
    scenario: '县级项目云资源均已释放（无在用资源，县级购买方式检查不适用）',
    county: '430623',
    system: '食品安全追溯系统',
    tenant: { purchaseMode: 'county-purchased-service' },
    resources: [
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
    expected: { 'YY-CLOUD-DEPLOY': 'FAIL', 'YY-CLOUD-COUNTY': NA, 'YY-NET-EGOV': NA },
  },
  {
    pack: 'chenzhou',
    scenario: '合规上云且资源利用正常',
    system: '智慧教育云平台',
    tenant: { purchaseMode: 'city-allocated' },
    resources: [
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
      { type: 'rds', vcpu: 4, environment: 'production', networkZone: egov, status: 'running', ageDays: 300 },
    ],
    expected: { 'CZ-CLOUD': 'PASS', 'CZ-CLOUD-INTENSIVE': 'PASS' },
  },
  {
    pack: 'chenzhou',
    scenario: '8 核云主机长期闲置（30 天平均 CPU 低于 10%）',
    system: '智慧交通综合监测平台',
    tenant: { purchaseMode: 'city-allocated' },
    resources: [
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
    expected: { 'CZ-CLOUD': 'PASS', 'CZ-CLOUD-INTENSIVE': 'FAIL' },
  },
  {
    pack: 'chenzhou',
    scenario: '未上云（政务云上无任何资源）',
    system: '公共法律服务平台',
    resources: [],
    expected: { 'CZ-CLOUD': 'FAIL', 'CZ-CLOUD-INTENSIVE': NA },
  },
  {
    pack: 'chenzhou',
    scenario: '涉密项目（不适用上云要求）',
    system: '公安专网情报研判系统',
    classified: true,
    resources: [],
    expected: { 'CZ-CLOUD': NA, 'CZ-CLOUD-INTENSIVE': NA },
  },
  {
    pack: 'chenzhou',
    scenario: '有不上云例外文号（豁免）',
    system: '河湖长制信息管理平台',
    exemption: true,
    resources: [],
    expected: { 'CZ-CLOUD': 'WAIVED', 'CZ-CLOUD-INTENSIVE': NA },
  },
  {
    pack: 'chenzhou',
    scenario: '县级项目新开 16 核云主机，尚无利用率数据（不视为闲置）',
    county: '431081',
    system: '工程建设项目审批管理系统',
    tenant: { purchaseMode: 'county-purchased-service' },
    resources: [
      { type: 'ecs', vcpu: 16, environment: 'production', networkZone: egov, status: 'running', ageDays: 3 },
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
    expected: { 'CZ-CLOUD': 'PASS', 'CZ-CLOUD-INTENSIVE': 'PASS' },
  },
  {
    pack: 'chenzhou',
    scenario: '县级项目云主机已停止（不上云；停止的闲置主机不计入集约检查）',
    county: '431021',
    system: '智慧养老服务平台',
    tenant: { purchaseMode: 'county-purchased-service' },
    resources: [
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
    expected: { 'CZ-CLOUD': 'FAIL', 'CZ-CLOUD-INTENSIVE': 'PASS' },
  },
];
