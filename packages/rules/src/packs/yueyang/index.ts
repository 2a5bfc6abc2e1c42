import type { PolicyPack } from '../../model';
import { ZYueyangSettings, type YueyangSettings } from './settings';
import { yyAcceptanceFiled } from './yy-acceptance-filed.rule';
import { yyAcceptancePath } from './yy-acceptance-path.rule';
import { yyCloudCounty } from './yy-cloud-county.rule';
import { yyCloudDeploy } from './yy-cloud-deploy.rule';
import { yyCloudNoSelfbuild } from './yy-cloud-no-selfbuild.rule';
import { yyCrypto } from './yy-crypto.rule';
import { yyDataShare } from './yy-data-share.rule';
import { yyExpertReview } from './yy-expert-review.rule';
import { yyFinanceReview } from './yy-finance-review.rule';
import { yyKeyDomain } from './yy-key-domain.rule';
import { yyMlpsEval } from './yy-mlps-eval.rule';
import { yyMlpsProd } from './yy-mlps-prod.rule';
import { yyMlpsTimely } from './yy-mlps-timely.rule';
import { yyNetEgov } from './yy-net-egov.rule';
import { yyNetsecReview } from './yy-netsec-review.rule';
import { yyOmPeriod } from './yy-om-period.rule';
import { yyPlan } from './yy-plan.rule';
import { yyProcurementFiled } from './yy-procurement-filed.rule';
import { yySecuritySync } from './yy-security-sync.rule';
import { yySupervision } from './yy-supervision.rule';
import { yyVideo } from './yy-video.rule';
import { yyYbyh } from './yy-ybyh.rule';
import { yyYwtbNoNew } from './yy-ywtb-no-new.rule';
import { yyYwtb } from './yy-ywtb.rule';

/** 岳阳市市本级政务信息化项目建设管理办法, its rules in the order of obligations.md's table. */
export const yueyangPack: PolicyPack<YueyangSettings> = {
  id: 'yueyang',
  name: { zh: '岳阳', en: 'Yueyang' },
  title: {
    zh: '岳阳市市本级政务信息化项目建设管理办法',
    en: 'Yueyang municipal e-government project measures',
  },
  divisionCode: '430600',
  divisions: [
    { code: '430600', name: '岳阳市' },
    { code: '430602', name: '岳阳楼区' },
    { code: '430603', name: '云溪区' },
    { code: '430611', name: '君山区' },
    { code: '430621', name: '岳阳县' },
    { code: '430623', name: '华容县' },
    { code: '430624', name: '湘阴县' },
    { code: '430626', name: '平江县' },
    { code: '430681', name: '汨罗市' },
    { code: '430682', name: '临湘市' },
  ],
  opinionIssuer: {
    office: '岳阳市政务信息化项目技术支持组',
    numberPrefix: '岳技审',
    title: '岳阳市政务信息化项目技术审查意见',
  },
  settingsSchema: ZYueyangSettings,
  rules: [
    yyCloudDeploy,
    yyCloudNoSelfbuild,
    yyCloudCounty,
    yyNetEgov,
    yyMlpsProd,
    yyMlpsEval,
    yyCrypto,
    yyYwtb,
    yyYwtbNoNew,
    yyYbyh,
    yyVideo,
    yyKeyDomain,
    yyDataShare,
    yyPlan,
    yyExpertReview,
    yySupervision,
    yyProcurementFiled,
    yyOmPeriod,
    yyAcceptancePath,
    yySecuritySync,
    yyFinanceReview,
    yyNetsecReview,
    yyAcceptanceFiled,
    yyMlpsTimely,
  ],
  monitoring: {
    evaluationIntervals: { level3Days: 'mlpsEvalMaxAgeDaysLevel3', level4Days: 'mlpsEvalMaxAgeDaysLevel4' },
  },
};
