import { z } from 'zod';
import { fail, pass, unknown } from '../shared/outcome';
import { defineCheck } from './model';
import { ZFlagField, ZText } from './params';

export const noSelfBuild = defineCheck({
  id: 'no-self-build',
  title: { zh: '不另行建设', en: 'Builds none of its own' },
  description: {
    zh: '登记表字段 field（如“是否新建云或数据中心”）为“否”为 PASS，“是”为 FAIL 并给出 advice，为空为 UNKNOWN（空白不能证明没有建设，FAIL 又会冤枉项目）',
    en: 'PASS when the registry field (e.g. builds a cloud or data centre) says no, FAIL with `advice` when yes, UNKNOWN when empty (a blank proves nothing, and a FAIL would accuse)',
  },
  params: z.strictObject({
    field: ZFlagField,
    /** the column as a reason quotes it: 是否新建云或数据中心 / builds a cloud or data centre */
    column: ZText,
    /** what is not built, after 不新建 / builds no: 政务云或数据中心 / cloud or data centre */
    thing: ZText,
    /** the same after 新建 / builds: 政务云或数据中心 / its own cloud or data centre */
    built: ZText,
    /** what the project must do instead */
    advice: ZText,
  }),
  sources: [],
  evaluate: ({ project }, { field, column, thing, built, advice }) => {
    const value = project[field];
    if (value === false) {
      return pass(
        `登记表载明项目不新建${thing.zh}（${column.zh}：否）`,
        `The registry states the project builds no ${thing.en} (${column.en}: no)`,
      );
    }
    if (value === true) {
      return fail(
        `项目新建${built.zh}（${column.zh}：是）；${advice.zh}`,
        `The project builds ${built.en} (${column.en}: yes); ${advice.en}`,
      );
    }
    return unknown(
      `登记表“${column.zh}”为空，无法判断；请补录`,
      `The registry column "${column.en}" is empty: cannot decide; fill it in`,
    );
  },
});
