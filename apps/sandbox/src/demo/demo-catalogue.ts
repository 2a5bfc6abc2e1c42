import { packFor, type Division } from '@hub/rules';

/** A county-level division (县市区) of a demo city. */
export type County = Division;

/**
 * The packs the demo city is designed for: its scenarios give each rule of these two packs the
 * verdict they were built to reach. A city added as a pack file is judged by the hub but has no demo.
 */
export type DemoPackId = 'yueyang' | 'chenzhou';

/** One of the two demo cities. */
export interface DemoCityInfo {
  pack: DemoPackId;
  name: string;
  region: string;
  /** telephone area code, for contact details on tenants */
  areaCode: string;
  /** short name used in document numbers, e.g. 岳 in 岳政数函〔2024〕17号 */
  docPrefix: string;
  counties: readonly County[];
}

/** What the demo adds to a pack's city: its telephone area code. */
const DEMO_CITY_EXTRAS: Readonly<Record<DemoPackId, { areaCode: string }>> = {
  yueyang: { areaCode: '0730' },
  chenzhou: { areaCode: '0735' },
};

/** 岳阳市 and 郴州市 with their 县市区, as their packs list them. */
export const DEMO_CITIES = Object.fromEntries(
  (Object.keys(DEMO_CITY_EXTRAS) as DemoPackId[]).map((pack) => {
    const [city, ...counties] = packFor(pack).divisions;
    const info: DemoCityInfo = {
      pack,
      name: city!.name,
      region: city!.code,
      areaCode: DEMO_CITY_EXTRAS[pack].areaCode,
      docPrefix: city!.name.slice(0, 1),
      counties,
    };
    return [pack, info];
  }),
) as Readonly<Record<DemoPackId, DemoCityInfo>>;

type Domain = '协同办公' | '智慧教育' | '智慧医疗' | '智慧应急' | '政务服务' | '其他';
type Category = '基础设施' | '软件开发' | '运维运营' | '综合';

/** A kind of information system a department builds: the seed of one project. */
export interface SystemTheme {
  /** department name at city level, appended to the city name */
  dept: string;
  /** department name at county level when it differs (委员会 at city level is often 局 in a county) */
  countyDept?: string;
  system: string;
  domain: Domain;
  category: Category;
  govService?: boolean;
  mobile?: boolean;
  video?: boolean;
  /** 应用平台 in the Chenzhou sense (应接尽接 to the city brain hub) */
  appPlatform?: boolean;
  /** 安全保护等级 the system is graded at (MLPS); 2 when absent */
  level?: 2 | 3 | 4;
  /** themes kept for designed scenarios, so that the seeded mix never builds the same system */
  designedOnly?: boolean;
}

/** Systems departments of both cities typically build; names as they appear in annual plans. */
export const SYSTEM_THEMES: readonly SystemTheme[] = [
  { dept: '医疗保障局', system: '医保智能监管系统', level: 3, domain: '智慧医疗', category: '软件开发' },
  {
    dept: '医疗保障局',
    system: '医保公共服务平台',
    level: 3,
    domain: '政务服务',
    category: '软件开发',
    govService: true,
    mobile: true,
  },
  { dept: '教育局', system: '智慧教育云平台', domain: '智慧教育', category: '综合', appPlatform: true },
  {
    dept: '教育局',
    system: '义务教育招生入学服务平台',
    domain: '政务服务',
    category: '软件开发',
    govService: true,
    mobile: true,
  },
  {
    dept: '卫生健康委员会',
    countyDept: '卫生健康局',
    system: '全民健康信息平台',
    level: 3,
    domain: '智慧医疗',
    category: '综合',
    appPlatform: true,
  },
  {
    dept: '卫生健康委员会',
    countyDept: '卫生健康局',
    system: '基层医疗卫生机构管理信息系统',
    domain: '智慧医疗',
    category: '软件开发',
  },
  {
    dept: '应急管理局',
    system: '应急指挥综合调度平台',
    level: 3,
    domain: '智慧应急',
    category: '综合',
    video: true,
  },
  { dept: '应急管理局', system: '安全生产风险监测预警系统', domain: '智慧应急', category: '软件开发' },
  {
    dept: '自然资源和规划局',
    system: '国土空间基础信息平台',
    level: 3,
    domain: '其他',
    category: '综合',
    appPlatform: true,
  },
  {
    dept: '自然资源和规划局',
    system: '不动产登记信息管理系统',
    level: 3,
    domain: '政务服务',
    category: '软件开发',
    govService: true,
  },
  {
    dept: '人力资源和社会保障局',
    system: '人社一体化经办服务平台',
    level: 3,
    domain: '政务服务',
    category: '软件开发',
    govService: true,
    mobile: true,
  },
  { dept: '人力资源和社会保障局', system: '就业创业公共服务系统', domain: '政务服务', category: '软件开发' },
  {
    dept: '住房和城乡建设局',
    system: '工程建设项目审批管理系统',
    level: 3,
    domain: '政务服务',
    category: '软件开发',
    govService: true,
  },
  { dept: '住房和城乡建设局', system: '智慧工地监管平台', domain: '其他', category: '综合', video: true },
  { dept: '市场监督管理局', system: '智慧市场监管平台', domain: '其他', category: '软件开发' },
  { dept: '市场监督管理局', system: '食品安全追溯系统', domain: '其他', category: '软件开发' },
  { dept: '交通运输局', system: '智慧交通综合监测平台', domain: '其他', category: '综合', video: true },
  { dept: '交通运输局', system: '公交运营调度系统', domain: '其他', category: '运维运营' },
  {
    dept: '行政审批服务局',
    system: '政务服务综合受理平台',
    level: 3,
    domain: '政务服务',
    category: '软件开发',
    govService: true,
  },
  {
    dept: '行政审批服务局',
    system: '12345政务服务便民热线系统',
    domain: '政务服务',
    category: '运维运营',
    govService: true,
    mobile: true,
  },
  { dept: '生态环境局', system: '生态环境监测监控平台', domain: '其他', category: '综合', video: true },
  { dept: '民政局', system: '社会救助信息管理系统', domain: '其他', category: '软件开发' },
  { dept: '民政局', system: '智慧养老服务平台', domain: '其他', category: '软件开发', mobile: true },
  { dept: '财政局', system: '预算管理一体化系统', level: 3, domain: '协同办公', category: '软件开发' },
  { dept: '财政局', system: '非税收入收缴管理系统', level: 3, domain: '其他', category: '软件开发' },
  { dept: '农业农村局', system: '智慧农业综合服务平台', domain: '其他', category: '综合' },
  { dept: '水利局', system: '水旱灾害防御指挥系统', domain: '智慧应急', category: '综合', video: true },
  { dept: '水利局', system: '河湖长制信息管理平台', domain: '其他', category: '软件开发' },
  {
    dept: '城市管理和综合执法局',
    system: '数字城管综合信息平台',
    domain: '其他',
    category: '综合',
    video: true,
  },
  {
    dept: '城市管理和综合执法局',
    system: '城市内涝监测预警系统',
    domain: '智慧应急',
    category: '综合',
    designedOnly: true,
  },
  {
    dept: '文化旅游广电局',
    system: '智慧旅游服务平台',
    domain: '其他',
    category: '软件开发',
    mobile: true,
    appPlatform: true,
  },
  { dept: '司法局', system: '公共法律服务平台', domain: '政务服务', category: '软件开发', govService: true },
  { dept: '机关事务管理局', system: '机关协同办公系统', domain: '协同办公', category: '软件开发' },
  // Conference rooms are internal equipment, not the public video infrastructure (视频基础设施) that art. 6
  // joins to the city's sharing platform: the registry does not flag them as video facilities.
  {
    dept: '机关事务管理局',
    system: '机关会议室视频会议系统',
    domain: '协同办公',
    category: '基础设施',
    designedOnly: true,
  },
  { dept: '统计局', system: '统计数据采集处理系统', domain: '其他', category: '软件开发' },
  {
    dept: '国家保密局',
    system: '涉密文件交换系统',
    domain: '协同办公',
    category: '综合',
    designedOnly: true,
  },
  { dept: '公安局', system: '公安专网情报研判系统', domain: '其他', category: '综合', designedOnly: true },
  // The one unit allowed to build the city's cloud (Yueyang art. 5): 市大数据中心.
  {
    dept: '大数据中心',
    system: '电子政务云平台',
    domain: '其他',
    category: '基础设施',
    level: 3,
    designedOnly: true,
  },
];

/**
 * Units that own cloud resources but no project in the registry: their running resources are the
 * orphans the big-data centre's monitoring must find.
 */
export const ORPHAN_UNITS: readonly {
  pack: DemoPackId;
  dept: string;
  systems: readonly (string | null)[];
}[] = [
  { pack: 'yueyang', dept: '地方志编纂室', systems: ['地方志数据库', null] },
  { pack: 'yueyang', dept: '公共资源交易中心', systems: ['公共资源电子交易系统'] },
  { pack: 'chenzhou', dept: '住房公积金管理中心', systems: ['住房公积金综合服务平台', '公积金短信平台'] },
];

/** Surnames and given-name pieces for tenant contacts. */
export const CONTACT_SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '周',
  '吴',
  '彭',
  '谭',
] as const;

/** Places cameras are named after (设备名称 is where it looks, not what system it serves). */
export const DEVICE_PLACES = [
  '东大门',
  '南出入口',
  '服务大厅',
  '停车场',
  '一号门岗',
  '北侧围墙',
  '监控中心机房',
  '站前广场',
  '人民路口',
  '沿江大道',
  '二号楼顶',
  '仓库通道',
] as const;

/** Kinds of camera as a device name ends, e.g. 东大门枪机. */
export const CAMERA_KINDS = ['枪机', '球机', '半球', '全景摄像机'] as const;

/** Catalogue items a system typically provides, appended to its name, e.g. 医保智能监管基础信息. */
export const CATALOGUE_ITEMS = [
  '基础信息',
  '业务办理信息',
  '统计数据',
  '监测数据',
  '证照信息',
  '办件结果信息',
  '人员信息',
  '设施信息',
] as const;

/** Legal bases a NOT_SHARED (不予共享) catalogue entry cites. */
export const NOT_SHARED_BASES = [
  '《中华人民共和国个人信息保护法》第十三条',
  '《中华人民共和国数据安全法》第三十八条',
  '《政务信息资源共享管理暂行办法》第九条',
] as const;

/** 测评机构 names on evaluation reports (fictitious). */
export const EVALUATION_AGENCIES = [
  '湖南省信息安全测评中心',
  '湖南湘江等保测评有限公司',
  '洞庭网络安全技术服务有限公司',
] as const;
