import type { RuleDefinition } from '../../model';
import { fail, pass } from '../../shared/outcome';
import { yesNo } from '../../shared/registry';
import type { YueyangSettings } from './settings';

// Basis local: 第二十八条 (运行维护方案、安全保障方案) and 第二十九条 (安全“三同步”).
export const yySecuritySync: RuleDefinition<YueyangSettings> = {
  id: 'YY-SECURITY-SYNC',
  pack: 'yueyang',
  title: {
    zh: '安全保障“三同步”，运维与安全方案',
    en: 'Security planned with the project; O&M and security plans',
  },
  clause: '第二十八、二十九条',
  basis: 'local',
  severity: 'advisory',
  domain: 'security',
  requirement: {
    zh: '安全保障方案和运行维护方案均已编制（登记表“安全保障方案”“运维方案”为“是”）',
    en: 'Both the security plan and the O&M plan exist (registry "security plan" and "O&M plan": yes)',
  },
  sources: [],
  // Reading: only 是 puts a plan on record; 否 and an empty cell both leave it missing.
  evaluate: ({ project }) => {
    const cells = {
      zh: `安全保障方案：${yesNo(project.securityPlan, 'zh')}，运维方案：${yesNo(project.omPlan, 'zh')}`,
      en: `security plan: ${yesNo(project.securityPlan, 'en')}, O&M plan: ${yesNo(project.omPlan, 'en')}`,
    };
    const missing = [
      ...(project.securityPlan === true ? [] : [['安全保障方案', 'security plan']]),
      ...(project.omPlan === true ? [] : [['运维方案', 'O&M plan']]),
    ];
    if (missing.length === 0) {
      return pass(
        `安全保障方案和运维方案均已记录（${cells.zh}）`,
        `Security and O&M plans on record (${cells.en})`,
      );
    }
    return fail(
      `缺少${missing.map(([zh]) => zh).join('、')}（${cells.zh}）`,
      `Missing: ${missing.map(([, en]) => en).join(', ')} (${cells.en})`,
    );
  },
};
