import { describeResources, productionResources } from '../shared/cloud';
import { describeFiling, filingsOnRecord, filedFilings } from '../shared/mlps';
import { evidenceOf, fail, notApplicable, pass, unknown } from '../shared/outcome';
import { instantMs } from '../shared/time';
import { z } from 'zod';
import { defineCheck } from './model';
import { instantText } from '@hub/vocabulary';

export const filingBeforeProduction = defineCheck({
  id: 'filing-before-production',
  title: { zh: '取得备案后再上生产环境', en: 'MLPS filing before production' },
  description: {
    zh: '有运行中的生产环境资源时，须有已备案（FILED）的备案且备案时间不晚于最早的生产资源创建时间；没有生产资源为 NOT_APPLICABLE；时间无法读取为 UNKNOWN',
    en: 'With running production resources, a FILED filing no later than the earliest one was created; NOT_APPLICABLE without production resources; UNKNOWN on unreadable times',
  },
  params: z.strictObject({}),
  sources: ['gov-cloud', 'mlps'],
  // Reading: "its first production resource" is the earliest-created of the project's production
  // resources as obligations.md defines them (running, production); a filing dated at that very
  // instant counts as in time. Any one FILED filing of the project suffices: the registry cannot tie
  // a resource to one of several graded systems.
  evaluate: ({ cloud, mlps }) => {
    const production = productionResources(cloud.resources);
    if (production.length === 0) {
      return notApplicable('项目没有运行中的生产环境资源', 'The project has no running production resource');
    }
    const created = production.map((r) => ({ r, ms: instantMs(r.fact.createdAt) }));
    const undated = created.filter((c) => c.ms === null);
    const filings = mlps.filings;
    const evidence = [...evidenceOf(production), ...evidenceOf(filings)];
    if (undated.length > 0) {
      return unknown(
        `生产环境资源 ${undated.map((c) => c.r.fact.resourceId).join('、')} 的创建时间无法读取，无法确定首个生产资源出现的时间`,
        `Production resource(s) ${undated.map((c) => c.r.fact.resourceId).join(', ')} have an unreadable creation time: the first production resource cannot be told`,
        evidence,
      );
    }
    const first = created.reduce((a, b) => ((b.ms as number) < (a.ms as number) ? b : a));
    const firstMs = first.ms as number;
    const firstText = {
      zh: `首个生产环境资源 ${describeResources([first.r], 'zh')}创建于 ${instantText(first.r.fact.createdAt).zh}`,
      en: `the first production resource ${describeResources([first.r], 'en')} was created at ${instantText(first.r.fact.createdAt).en}`,
    };
    const filed = filedFilings(filings);
    if (filed.length === 0) {
      const others = filingsOnRecord(filings);
      return fail(
        `项目有 ${production.length} 个运行中的生产环境资源（${describeResources(production, 'zh')}），但没有已备案（FILED）的等级保护备案（${others.zh}）；未取得备案证明的只能部署于政务云测试环境`,
        `The project runs ${production.length} production resource(s) (${describeResources(production, 'en')}) without a FILED MLPS filing (${others.en}); without a certificate it may only use the test environment`,
        evidence,
      );
    }
    const dated = filed.map((f) => ({ f, ms: instantMs(f.fact.filedAt) }));
    const inTime = dated.filter((d) => d.ms !== null && d.ms <= firstMs);
    if (inTime.length > 0) {
      const f = inTime[0]!.f.fact;
      return pass(
        `${describeFiling(f, 'zh')}于 ${instantText(f.filedAt!).zh} 备案，不晚于${firstText.zh}`,
        `${describeFiling(f, 'en')} was filed at ${instantText(f.filedAt!).en}, no later than ${firstText.en}`,
        evidence,
      );
    }
    const noDate = dated.filter((d) => d.ms === null);
    if (noDate.length > 0) {
      return unknown(
        `${noDate.map((d) => describeFiling(d.f.fact, 'zh')).join('；')}缺少可读的备案时间，无法判断是否在生产部署前取得备案；${firstText.zh}`,
        `${noDate.map((d) => describeFiling(d.f.fact, 'en')).join('; ')} has no readable filing time: cannot tell whether it was filed before production use; ${firstText.en}`,
        evidence,
      );
    }
    const late = dated.map((d) => d.f.fact);
    return fail(
      `${late.map((f) => `${describeFiling(f, 'zh')}于 ${instantText(f.filedAt!).zh} 备案`).join('；')}，晚于${firstText.zh}：取得备案证明前已部署于生产环境`,
      `${late.map((f) => `${describeFiling(f, 'en')} was filed at ${instantText(f.filedAt!).en}`).join('; ')}, after ${firstText.en}: production use began before the filing`,
      evidence,
    );
  },
});
