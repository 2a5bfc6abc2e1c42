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
  title: {
    zh: '岳阳市市本级政务信息化项目建设管理办法',
    en: 'Yueyang municipal e-government project measures',
  },
  divisionCode: '430600',
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
};
