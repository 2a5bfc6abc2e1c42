import type { PolicyPack } from '../../model';
import { ZYueyangSettings, type YueyangSettings } from './settings';
import { yyCloudCounty } from './yy-cloud-county.rule';
import { yyCloudDeploy } from './yy-cloud-deploy.rule';
import { yyNetEgov } from './yy-net-egov.rule';

/** 岳阳市市本级政务信息化项目建设管理办法. */
export const yueyangPack: PolicyPack<YueyangSettings> = {
  id: 'yueyang',
  title: {
    zh: '岳阳市市本级政务信息化项目建设管理办法',
    en: 'Yueyang municipal e-government project measures',
  },
  divisionCode: '430600',
  settingsSchema: ZYueyangSettings,
  rules: [yyCloudDeploy, yyCloudCounty, yyNetEgov],
};
