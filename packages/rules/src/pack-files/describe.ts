import type { Text } from '../facts';
import type { AnyPolicyPack } from '../packs/registry';
import type { RuleDefinition } from '../model';
import { isSettingRef } from './params';
import { packSource, requirementSource } from './compile';

/** A parameter value as a reviewer reads it; a setting reference shows the setting and its default. */
function valueText(value: unknown, settings: Readonly<Record<string, unknown>>, lang: 'zh' | 'en'): string {
  if (isSettingRef(value)) {
    const current = JSON.stringify(settings[value.setting]);
    return lang === 'zh'
      ? `设置 ${value.setting}（默认 ${current}）`
      : `setting ${value.setting} (default ${current})`;
  }
  if (typeof value === 'object' && value !== null && 'zh' in value && 'en' in value) {
    return JSON.stringify((value as Record<string, unknown>)[lang]);
  }
  if (Array.isArray(value)) return `[${value.map((v) => valueText(v, settings, lang)).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${valueText(v, settings, lang)}`)
      .join(', ')} }`;
  }
  return JSON.stringify(value);
}

const call = (
  id: string,
  params: Record<string, unknown>,
  settings: Readonly<Record<string, unknown>>,
  lang: 'zh' | 'en',
) => {
  const entries = Object.entries(params);
  return entries.length === 0
    ? id
    : `${id}(${entries.map(([k, v]) => `${k} = ${valueText(v, settings, lang)}`).join(', ')})`;
};

/** What a requirement would do: when it applies, what is waived, which check judges it with what. */
export function describeRequirement(
  rule: Pick<
    RuleDefinition<unknown>,
    'id' | 'title' | 'clause' | 'severity' | 'basis' | 'domain' | 'sources'
  >,
): Text {
  const src = requirementSource(rule);
  const head = {
    zh: `${rule.id} ${rule.title.zh}（${rule.clause}；${rule.severity}，${rule.basis}，${rule.domain}）`,
    en: `${rule.id} ${rule.title.en} (${rule.clause}; ${rule.severity}, ${rule.basis}, ${rule.domain})`,
  };
  if (!src) return head;
  const { decl, settings } = src;
  const text = (lang: 'zh' | 'en') => {
    const parts: string[] = [];
    if (decl.applicability.length > 0) {
      const conds = decl.applicability
        .map((c) => call(c.condition, c.params, settings, lang))
        .join(lang === 'zh' ? ' 且 ' : ' and ');
      parts.push(lang === 'zh' ? `适用条件：${conds}` : `applies when: ${conds}`);
    }
    if (decl.waiver) {
      const w = call(decl.waiver.id, decl.waiver.params, settings, lang);
      parts.push(lang === 'zh' ? `豁免：${w}` : `waived by: ${w}`);
    }
    const c = call(decl.check.id, decl.check.params, settings, lang);
    parts.push(lang === 'zh' ? `检查：${c}` : `check: ${c}`);
    if (rule.sources.length > 0) {
      parts.push(lang === 'zh' ? `读取：${rule.sources.join('、')}` : `reads: ${rule.sources.join(', ')}`);
    }
    return parts;
  };
  return {
    zh: [head.zh, ...text('zh').map((p) => `  ${p}`)].join('\n'),
    en: [head.en, ...text('en').map((p) => `  ${p}`)].join('\n'),
  };
}

/** A pack in one line: id, name, divisions, version and how many requirements it has. */
export function describePack(pack: AnyPolicyPack): Text {
  const file = packSource(pack)?.file;
  const [city, ...counties] = pack.divisions;
  const version = pack.version ?? '-';
  return {
    zh: `${pack.id} ${pack.name.zh}（${pack.title.zh}）版本 ${version}；区划 ${city?.code ?? ''} 及 ${counties.length} 个县市区；${pack.rules.length} 条要求${file ? `；文件 ${file}` : ''}`,
    en: `${pack.id} ${pack.name.en} (${pack.title.en}) version ${version}; division ${city?.code ?? ''} and ${counties.length} counties; ${pack.rules.length} requirements${file ? `; file ${file}` : ''}`,
  };
}
