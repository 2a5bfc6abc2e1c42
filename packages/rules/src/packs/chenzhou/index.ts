import type { PolicyPack } from '../../model';
import { czCloudIntensive } from './cz-cloud-intensive.rule';
import { czCloud } from './cz-cloud.rule';
import { ZChenzhouSettings, type ChenzhouSettings } from './settings';

/** 郴州市本级财政投资类信息化项目管理暂行办法. */
export const chenzhouPack: PolicyPack<ChenzhouSettings> = {
  id: 'chenzhou',
  title: {
    zh: '郴州市本级财政投资类信息化项目管理暂行办法',
    en: 'Chenzhou municipal IT project interim measures',
  },
  divisionCode: '431000',
  settingsSchema: ZChenzhouSettings,
  rules: [czCloud, czCloudIntensive],
};
