import { buildProject } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { noSelfBuild } from './no-self-build.check';

const params = {
  field: 'buildsServicePlatform',
  column: { zh: '是否新建政务服务平台', en: 'builds a service platform' },
  thing: { zh: '政务服务平台', en: 'service platform' },
  built: { zh: '政务服务平台', en: 'a new platform' },
  advice: { zh: '应依托平台建设', en: 'build on the platform' },
};
const judge = (value: boolean | null) =>
  runCheck(noSelfBuild, params, { project: buildProject({ buildsServicePlatform: value }) });

describe(noSelfBuild.id, () => {
  it('gives PASS when the registry says no', () => {
    expect(judge(false)).toMatchObject({
      verdict: 'PASS',
      reason: { zh: '登记表载明项目不新建政务服务平台（是否新建政务服务平台：否）' },
    });
  });

  it('gives FAIL with the advice when it says yes', () => {
    expect(judge(true)).toMatchObject({
      verdict: 'FAIL',
      reason: {
        en: 'The project builds a new platform (builds a service platform: yes); build on the platform',
      },
    });
  });

  it('gives UNKNOWN for an empty cell, which proves nothing either way', () => {
    expect(judge(null).verdict).toBe('UNKNOWN');
  });

  it('refuses a field that is not a yes/no cell', () => {
    expect(noSelfBuild.params.safeParse({ ...params, field: 'expertReviewRef' }).success).toBe(false);
  });
});
