import type { TProject } from '@hub/contracts';
import type { Applicability } from '../model';
import { applies, doesNotApply } from './outcome';
import { beijingDateMs } from './time';

/**
 * Reading the registry (the hub's own data): investment is a decimal string of 万元 kept exact, so it
 * is compared with a threshold digit by digit rather than through a float that could round across it.
 */
export function compareDecimal(value: string, threshold: number): -1 | 0 | 1 {
  const t = String(threshold);
  if (!/^\d+(\.\d+)?$/.test(value) || !/^\d+(\.\d+)?$/.test(t)) {
    const a = Number(value);
    return a < threshold ? -1 : a > threshold ? 1 : 0;
  }
  const [ai, af] = splitDecimal(value);
  const [bi, bf] = splitDecimal(t);
  if (ai.length !== bi.length) return ai.length < bi.length ? -1 : 1;
  if (ai !== bi) return ai < bi ? -1 : 1;
  const width = Math.max(af.length, bf.length);
  const fa = af.padEnd(width, '0');
  const fb = bf.padEnd(width, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

function splitDecimal(s: string): [string, string] {
  const [int = '0', frac = ''] = s.split('.');
  return [int.replace(/^0+(?=\d)/, ''), frac.replace(/0+$/, '')];
}

/** 总投资 ≥ threshold (万元); "以上" in the measures includes the figure itself. */
export const investmentAtLeast = (project: TProject, threshold: number): boolean =>
  compareDecimal(project.investment, threshold) >= 0;

/** A document reference on record: a non-blank registry cell. */
export const onRecord = (ref: string | null): ref is string => ref != null && ref.trim().length > 0;

/** `是` / `否` / `空` for a 是/否 registry cell, as a reason quotes it. */
export function yesNo(value: boolean | null, lang: 'zh' | 'en'): string {
  if (value === null) return lang === 'zh' ? '空' : 'empty';
  return lang === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
}

/** `总投资 350 万元` / `investment 350 ×10k yuan`: how the registry's figure is quoted. */
export const investmentText = (project: TProject, lang: 'zh' | 'en'): string =>
  lang === 'zh' ? `总投资 ${project.investment} 万元` : `investment ${project.investment} ×10k yuan`;

/** `200 万元` / `200 ×10k yuan`. */
export const wan = (amount: number, lang: 'zh' | 'en'): string =>
  lang === 'zh' ? `${amount} 万元` : `${amount} ×10k yuan`;

/** Applies from `threshold` 万元 up ("以上" includes the figure); below it, NOT_APPLICABLE naming both. */
export function fromInvestment(project: TProject, threshold: number): Applicability {
  return investmentAtLeast(project, threshold)
    ? applies
    : doesNotApply(
        `${investmentText(project, 'zh')}，低于 ${wan(threshold, 'zh')}`,
        `The ${investmentText(project, 'en')} is below ${wan(threshold, 'en')}`,
      );
}

/**
 * Registry calendar dates, compared as Beijing dates. Reading: a date carries no time of day, so two
 * steps dated the same day are taken to be in the order the measures ask for.
 */
export const onOrBefore = (earlier: string, later: string): boolean =>
  beijingDateMs(earlier) <= beijingDateMs(later);
