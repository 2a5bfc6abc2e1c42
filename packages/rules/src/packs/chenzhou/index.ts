import type { PolicyPack } from '../../model';
import { czAcceptanceFlow } from './cz-acceptance-flow.rule';
import { czCloudIntensive } from './cz-cloud-intensive.rule';
import { czCloud } from './cz-cloud.rule';
import { czCrypto } from './cz-crypto.rule';
import { czDataAgg } from './cz-data-agg.rule';
import { czDataShare } from './cz-data-share.rule';
import { czHub } from './cz-hub.rule';
import { czMlpsTimely } from './cz-mlps-timely.rule';
import { czNet } from './cz-net.rule';
import { czPlan } from './cz-plan.rule';
import { czPrereviewReliable } from './cz-prereview-reliable.rule';
import { czPrereview } from './cz-prereview.rule';
import { czReviewPath } from './cz-review-path.rule';
import { czSecurity } from './cz-security.rule';
import { czSupervision } from './cz-supervision.rule';
import { ZChenzhouSettings, type ChenzhouSettings } from './settings';

/** 郴州市本级财政投资类信息化项目管理暂行办法, its rules in the order of obligations.md's table. */
export const chenzhouPack: PolicyPack<ChenzhouSettings> = {
  id: 'chenzhou',
  name: { zh: '郴州', en: 'Chenzhou' },
  title: {
    zh: '郴州市本级财政投资类信息化项目管理暂行办法',
    en: 'Chenzhou municipal IT project interim measures',
  },
  divisionCode: '431000',
  divisions: [
    { code: '431000', name: '郴州市' },
    { code: '431002', name: '北湖区' },
    { code: '431003', name: '苏仙区' },
    { code: '431021', name: '桂阳县' },
    { code: '431022', name: '宜章县' },
    { code: '431023', name: '永兴县' },
    { code: '431024', name: '嘉禾县' },
    { code: '431025', name: '临武县' },
    { code: '431026', name: '汝城县' },
    { code: '431027', name: '桂东县' },
    { code: '431028', name: '安仁县' },
    { code: '431081', name: '资兴市' },
  ],
  opinionIssuer: {
    office: '郴州市政务信息化项目技术支持组',
    numberPrefix: '郴技审',
    title: '郴州市政务信息化项目技术审查意见',
  },
  settingsSchema: ZChenzhouSettings,
  rules: [
    czCloud,
    czCloudIntensive,
    czDataAgg,
    czDataShare,
    czHub,
    czNet,
    czSupervision,
    czSecurity,
    czCrypto,
    czReviewPath,
    czPrereview,
    czPlan,
    czAcceptanceFlow,
    czPrereviewReliable,
    czMlpsTimely,
  ],
  monitoring: {
    evaluationIntervals: {
      level3Days: 'securityEvalMaxAgeDaysLevel3',
      level4Days: 'securityEvalMaxAgeDaysLevel4',
    },
  },
};
