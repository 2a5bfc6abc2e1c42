import type {
  DATA_EXCHANGE_ACCESS_STATUSES,
  DATA_EXCHANGE_CATALOG_STATUSES,
  DATA_EXCHANGE_MOUNT_TYPES,
  DATA_EXCHANGE_SHARE_TYPES,
  DATA_EXCHANGE_UPDATE_CYCLES,
  HUB_APPLICATION_ACCESS_MODES,
  HUB_APPLICATION_STATUSES,
  MLPS_CRYPTO_CONCLUSIONS,
  MLPS_EVALUATION_CONCLUSIONS,
  MLPS_FILING_STATUSES,
  MOBILE_SERVICE_KINDS,
  MOBILE_SERVICE_STATUSES,
  NETWORK_ZONES,
  RESOURCE_ENVIRONMENTS,
  RESOURCE_STATUSES,
  RESOURCE_TYPES,
  TGovCloudTenant,
  VIDEO_CASCADE_STATUSES,
  VIDEO_DEVICE_STATUSES,
  YWTB_SYSTEM_STATUSES,
} from '@hub/contracts';
import type { Text } from './text';

type Labels<T extends readonly string[]> = Readonly<Record<T[number], Text>>;

/**
 * The values the upstream contracts enumerate, as a reason, report or screen names them: a reason
 * says 试运行, not `TESTING`. One table per enumerated field; the compiler requires every value of
 * the contract's enum to have its label.
 */
export const UPSTREAM_VALUE_LABELS = {
  resourceType: {
    ecs: { zh: '云主机', en: 'cloud server' },
    rds: { zh: '云数据库', en: 'cloud database' },
    redis: { zh: '缓存服务', en: 'cache' },
    oss: { zh: '对象存储', en: 'object storage' },
    slb: { zh: '负载均衡', en: 'load balancer' },
    'k8s-node': { zh: '容器节点', en: 'Kubernetes node' },
    gpu: { zh: 'GPU 云主机', en: 'GPU server' },
    other: { zh: '其他资源', en: 'other resource' },
  } satisfies Labels<typeof RESOURCE_TYPES>,
  resourceEnvironment: {
    production: { zh: '生产环境', en: 'production' },
    test: { zh: '测试环境', en: 'test' },
  } satisfies Labels<typeof RESOURCE_ENVIRONMENTS>,
  networkZone: {
    'egov-extranet': { zh: '电子政务外网', en: 'e-government extranet' },
    internet: { zh: '互联网区', en: 'internet zone' },
    private: { zh: '专有网络', en: 'private network' },
  } satisfies Labels<typeof NETWORK_ZONES>,
  resourceStatus: {
    running: { zh: '运行中', en: 'running' },
    stopped: { zh: '已停止', en: 'stopped' },
    released: { zh: '已释放', en: 'released' },
  } satisfies Labels<typeof RESOURCE_STATUSES>,
  purchaseMode: {
    'city-allocated': { zh: '市级统一分配', en: 'allocated by the city' },
    'county-purchased-service': { zh: '县市区购买服务', en: 'purchased as a service by the county' },
  } satisfies Readonly<Record<NonNullable<TGovCloudTenant['purchaseMode']>, Text>>,
  exchangeAccessStatus: {
    CONNECTED: { zh: '已接入', en: 'connected' },
    APPLYING: { zh: '接入申请中', en: 'applying' },
    DISCONNECTED: { zh: '已断开', en: 'disconnected' },
  } satisfies Labels<typeof DATA_EXCHANGE_ACCESS_STATUSES>,
  shareType: {
    UNCONDITIONAL: { zh: '无条件共享', en: 'shared unconditionally' },
    CONDITIONAL: { zh: '有条件共享', en: 'shared on conditions' },
    NOT_SHARED: { zh: '不予共享', en: 'not shared' },
  } satisfies Labels<typeof DATA_EXCHANGE_SHARE_TYPES>,
  updateCycle: {
    REALTIME: { zh: '实时', en: 'real time' },
    DAILY: { zh: '每日', en: 'daily' },
    WEEKLY: { zh: '每周', en: 'weekly' },
    MONTHLY: { zh: '每月', en: 'monthly' },
    QUARTERLY: { zh: '每季度', en: 'quarterly' },
    YEARLY: { zh: '每年', en: 'yearly' },
  } satisfies Labels<typeof DATA_EXCHANGE_UPDATE_CYCLES>,
  mountType: {
    API: { zh: '接口', en: 'API' },
    DATABASE: { zh: '库表', en: 'database tables' },
    FILE: { zh: '文件', en: 'files' },
    NONE: { zh: '未挂接', en: 'not mounted' },
  } satisfies Labels<typeof DATA_EXCHANGE_MOUNT_TYPES>,
  catalogStatus: {
    PUBLISHED: { zh: '已发布', en: 'published' },
    DRAFT: { zh: '草稿', en: 'draft' },
    OFFLINE: { zh: '已下线', en: 'withdrawn' },
  } satisfies Labels<typeof DATA_EXCHANGE_CATALOG_STATUSES>,
  filingStatus: {
    PENDING: { zh: '受理中', en: 'pending' },
    FILED: { zh: '已备案', en: 'filed' },
    REVOKED: { zh: '已撤销', en: 'revoked' },
    CANCELLED: { zh: '已注销', en: 'cancelled' },
  } satisfies Labels<typeof MLPS_FILING_STATUSES>,
  evaluationConclusion: {
    EXCELLENT: { zh: '优', en: 'excellent' },
    GOOD: { zh: '良', en: 'good' },
    MODERATE: { zh: '中', en: 'moderate' },
    POOR: { zh: '差', en: 'poor' },
  } satisfies Labels<typeof MLPS_EVALUATION_CONCLUSIONS>,
  cryptoConclusion: {
    PASS: { zh: '符合', en: 'compliant' },
    BASIC_PASS: { zh: '基本符合', en: 'basically compliant' },
    FAIL: { zh: '不符合', en: 'not compliant' },
  } satisfies Labels<typeof MLPS_CRYPTO_CONCLUSIONS>,
  ywtbStatus: {
    ONLINE: { zh: '已上线', en: 'online' },
    TESTING: { zh: '试运行', en: 'testing' },
    OFFLINE: { zh: '已下线', en: 'offline' },
  } satisfies Labels<typeof YWTB_SYSTEM_STATUSES>,
  mobileServiceKind: {
    H5: { zh: 'H5 应用', en: 'H5 app' },
    MINIAPP: { zh: '小程序', en: 'mini-program' },
    NATIVE_MODULE: { zh: '原生模块', en: 'native module' },
  } satisfies Labels<typeof MOBILE_SERVICE_KINDS>,
  mobileServiceStatus: {
    ONLINE: { zh: '已上线', en: 'online' },
    REVIEWING: { zh: '审核中', en: 'in review' },
    OFFLINE: { zh: '已下线', en: 'offline' },
  } satisfies Labels<typeof MOBILE_SERVICE_STATUSES>,
  hubAccessMode: {
    API: { zh: '接口调用', en: 'API' },
    EVENT: { zh: '事件订阅', en: 'events' },
    DATA: { zh: '数据汇聚', en: 'data' },
    EMBED: { zh: '页面嵌入', en: 'embedded' },
  } satisfies Labels<typeof HUB_APPLICATION_ACCESS_MODES>,
  hubApplicationStatus: {
    CONNECTED: { zh: '已接入', en: 'connected' },
    PENDING: { zh: '待接入', en: 'pending' },
    DISCONNECTED: { zh: '已断开', en: 'disconnected' },
  } satisfies Labels<typeof HUB_APPLICATION_STATUSES>,
  cascadeStatus: {
    ONLINE: { zh: '在线', en: 'online' },
    OFFLINE: { zh: '离线', en: 'offline' },
  } satisfies Labels<typeof VIDEO_CASCADE_STATUSES>,
  deviceStatus: {
    ON: { zh: '在线', en: 'online' },
    OFF: { zh: '离线', en: 'offline' },
    DELETED: { zh: '已删除', en: 'deleted' },
  } satisfies Labels<typeof VIDEO_DEVICE_STATUSES>,
} as const;

export type UpstreamField = keyof typeof UPSTREAM_VALUE_LABELS;

/**
 * An upstream value as a reason names it: `试运行（TESTING）` keeps the upstream's own word beside
 * the label, so an operator can find it in the upstream system. A value outside the contract (an
 * untrusted record's) is shown as it came, quoted.
 */
export function upstreamValue(field: UpstreamField, value: string | null | undefined): Text {
  if (value === null || value === undefined || value === '') return { zh: '（空）', en: '(empty)' };
  const label = (UPSTREAM_VALUE_LABELS[field] as Readonly<Record<string, Text>>)[value];
  if (!label) return { zh: `“${value}”`, en: `"${value}"` };
  return { zh: `${label.zh}（${value}）`, en: `${label.en} (${value})` };
}
