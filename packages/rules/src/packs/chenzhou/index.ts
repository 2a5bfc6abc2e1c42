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
  title: {
    zh: '郴州市本级财政投资类信息化项目管理暂行办法',
    en: 'Chenzhou municipal IT project interim measures',
  },
  divisionCode: '431000',
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
};
