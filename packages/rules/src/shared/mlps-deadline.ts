import type { BoundFact, CloudResourceFact, FilingFact } from '../facts';
import type { RuleOutcome } from '../model';
import { describeResources, productionResources } from './cloud';
import { describeFiling } from './mlps';
import { evidenceOf, fail, notApplicable, pass, unknown } from './outcome';
import { beijingDateOf, DAY_MS, instantMs } from './time';

type Filing = BoundFact<FilingFact>;
type Resource = BoundFact<CloudResourceFact>;

const current = (f: Filing) => f.fact.status === 'FILED' || f.fact.status === 'PENDING';

/**
 * 定级后或投入运行后 30 日内备案 (公通字〔2007〕43号 第十五条), both cities' MLPS deadline rule. The
 * deadline is `days` after the later of the grading (`gradedAt`) and the first production resource's
 * creation (the system entering operation); either may be missing, and with neither nothing is due.
 *
 * Readings:
 * - the gradings that count are current ones (FILED or PENDING) of level ≥ 2: level 1 does not file,
 *   so a project graded only at level 1 is not bound (NOT_APPLICABLE); REVOKED and CANCELLED filings
 *   grade nothing any more;
 * - with FILED level-≥ 2 filings, each must have been filed on or before its own deadline (its own
 *   `gradedAt`); a FILED filing with no readable filing time cannot be judged (UNKNOWN);
 * - without one, the deadline runs from the latest PENDING grading and the first production resource:
 *   before it passes the duty is not due yet (PASS), after it the filing is late (FAIL);
 * - a production resource whose creation time cannot be read leaves the operation date unknown.
 */
export function filedInTime(
  filings: readonly Filing[],
  resources: readonly Resource[],
  now: string,
  days: number,
): RuleOutcome {
  const production = productionResources(resources);
  const graded = filings.filter((f) => current(f) && f.fact.level >= 2);
  const evidence = [
    ...evidenceOf(graded.length ? graded : filings.filter(current)),
    ...evidenceOf(production),
  ];
  if (graded.length === 0 && production.length === 0) {
    return notApplicable(
      '项目没有二级及以上的在用等级保护备案，也没有运行中的生产环境资源',
      'The project has no current level-2+ MLPS grading and no running production resource',
      evidenceOf(filings),
    );
  }
  if (graded.length === 0 && filings.some((f) => current(f) && f.fact.level === 1)) {
    return notApplicable(
      '项目的系统定级为第一级，第一级系统无需备案',
      "The project's system is graded level 1, which does not file",
      evidenceOf(filings),
    );
  }
  const created = production.map((r) => ({ r, ms: instantMs(r.fact.createdAt) }));
  const undated = created.filter((c) => c.ms === null);
  if (undated.length > 0) {
    const ids = undated.map((c) => c.r.fact.resourceId);
    return unknown(
      `生产环境资源 ${ids.join('、')} 的创建时间无法读取，无法确定系统投入运行的时间和备案期限`,
      `Production resource(s) ${ids.join(', ')} have an unreadable creation time: the operation date and the filing deadline cannot be told`,
      evidence,
    );
  }
  const first = created.reduce<{ r: Resource; ms: number } | null>(
    (a, c) => (a === null || (c.ms as number) < a.ms ? { r: c.r, ms: c.ms as number } : a),
    null,
  );
  const operation = first
    ? {
        zh: `首个生产环境资源 ${describeResources([first.r], 'zh')}于 ${beijingDateOf(first.ms)} 投入运行`,
        en: `the first production resource ${describeResources([first.r], 'en')} entered operation on ${beijingDateOf(first.ms)}`,
      }
    : null;
  const deadlineOf = (gradedMs: number | null): number | null => {
    const start = Math.max(gradedMs ?? Number.NEGATIVE_INFINITY, first?.ms ?? Number.NEGATIVE_INFINITY);
    return Number.isFinite(start) ? start + days * DAY_MS : null;
  };

  const filed = graded.filter((f) => f.fact.status === 'FILED');
  if (filed.length > 0) {
    const checks = filed.map((f) => {
      const deadline = deadlineOf(instantMs(f.fact.gradedAt));
      const filedMs = instantMs(f.fact.filedAt);
      const name = { zh: describeFiling(f.fact, 'zh'), en: describeFiling(f.fact, 'en') };
      if (filedMs === null) {
        return {
          status: 'unreadable' as const,
          zh: `${name.zh}没有可读的备案时间`,
          en: `${name.en} has no readable filing time`,
        };
      }
      const on = beijingDateOf(filedMs);
      if (deadline === null) {
        return {
          status: 'met' as const,
          zh: `${name.zh}于 ${on} 备案（既无定级时间也无生产环境资源，不存在逾期）`,
          en: `${name.en} was filed on ${on} (no grading time and no production resource: nothing could be late)`,
        };
      }
      const by = beijingDateOf(deadline);
      return filedMs <= deadline
        ? {
            status: 'met' as const,
            zh: `${name.zh}于 ${on} 备案，不晚于备案期限 ${by}`,
            en: `${name.en} was filed on ${on}, by its deadline ${by}`,
          }
        : {
            status: 'unmet' as const,
            zh: `${name.zh}于 ${on} 备案，晚于备案期限 ${by}（逾期 ${Math.ceil((filedMs - deadline) / DAY_MS)} 天）`,
            en: `${name.en} was filed on ${on}, after its deadline ${by} (${Math.ceil((filedMs - deadline) / DAY_MS)} day(s) late)`,
          };
    });
    const rule = {
      zh: `定级或投入运行后 ${days} 日内备案${operation ? `；${operation.zh}` : ''}`,
      en: `filed within ${days} days of grading or entering operation${operation ? `; ${operation.en}` : ''}`,
    };
    const text = (list: typeof checks) => ({
      zh: `${list.map((c) => c.zh).join('；')}（${rule.zh}）`,
      en: `${list.map((c) => c.en).join('; ')} (${rule.en})`,
    });
    const unmet = checks.filter((c) => c.status === 'unmet');
    if (unmet.length > 0) return fail(text(unmet).zh, text(unmet).en, evidence);
    const unreadable = checks.filter((c) => c.status === 'unreadable');
    if (unreadable.length > 0) return unknown(text(unreadable).zh, text(unreadable).en, evidence);
    return pass(text(checks).zh, text(checks).en, evidence);
  }

  const pendingGrades = graded
    .map((f) => instantMs(f.fact.gradedAt))
    .filter((ms): ms is number => ms !== null);
  const deadline = deadlineOf(pendingGrades.length ? Math.max(...pendingGrades) : null);
  const pending = graded.length
    ? {
        zh: `（受理中：${graded.map((f) => describeFiling(f.fact, 'zh')).join('；')}）`,
        en: ` (pending: ${graded.map((f) => describeFiling(f.fact, 'en')).join('; ')})`,
      }
    : { zh: '', en: '' };
  const since = {
    zh: [
      pendingGrades.length ? `于 ${beijingDateOf(Math.max(...pendingGrades))} 定级` : '',
      operation?.zh ?? '',
    ]
      .filter(Boolean)
      .join('，'),
    en: [
      pendingGrades.length ? `graded on ${beijingDateOf(Math.max(...pendingGrades))}` : '',
      operation?.en ?? '',
    ]
      .filter(Boolean)
      .join(', '),
  };
  if (deadline === null) {
    return pass(
      `项目尚无已备案的二级及以上备案${pending.zh}，但既无定级时间也无生产环境资源，备案期限尚未开始`,
      `The project has no FILED level-2+ filing${pending.en}, but with neither a grading time nor a production resource no deadline has started`,
      evidence,
    );
  }
  const by = beijingDateOf(deadline);
  const nowMs = Date.parse(now);
  if (nowMs <= deadline) {
    return pass(
      `项目尚无已备案的二级及以上备案${pending.zh}；${since.zh}，应于 ${by} 前备案，尚未到期（还有 ${Math.ceil((deadline - nowMs) / DAY_MS)} 天）`,
      `The project has no FILED level-2+ filing yet${pending.en}; ${since.en}, it is due by ${by}, not yet passed (${Math.ceil((deadline - nowMs) / DAY_MS)} day(s) left)`,
      evidence,
    );
  }
  return fail(
    `${since.zh}，应于 ${by} 前备案，已逾期 ${Math.ceil((nowMs - deadline) / DAY_MS)} 天，仍没有已备案（FILED）的二级及以上备案${pending.zh}`,
    `${since.en}; the filing was due by ${by} and is ${Math.ceil((nowMs - deadline) / DAY_MS)} day(s) late, with still no FILED level-2+ filing${pending.en}`,
    evidence,
  );
}
