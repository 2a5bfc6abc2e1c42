import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateProject } from '../engine';
import { BUILTIN_PACKS_DIR, allPacks } from '../packs';
import { NOW, buildResource, buildFacts, buildProject } from '../testing/facts.factory';
import { findingOf } from '../testing/rules.factory';
import { compilePackFile, describeRequirement, PackFileError } from './index';

const EXAMPLE = join(BUILTIN_PACKS_DIR, 'examples', 'shili.pack.yaml');
const example = () => readFileSync(EXAMPLE, 'utf8');

/** The problems a pack file text gives, as the hub prints them. */
function problems(text: string): string[] {
  try {
    compilePackFile('x.pack.yaml', text);
  } catch (error) {
    if (error instanceof PackFileError) return error.message.split('\n');
    throw error;
  }
  return [];
}

describe('pack files', () => {
  it('lists for each built-in requirement the settings its check and conditions read', () => {
    const read = Object.fromEntries(
      allPacks().flatMap((p) => p.rules.filter((r) => r.settings?.length).map((r) => [r.id, r.settings])),
    );

    expect(read).toEqual({
      'CZ-CLOUD-INTENSIVE': ['intensiveMaxCpuAvgPct', 'intensiveMinVcpu'],
      'CZ-DATA-SHARE': ['shareWindowDays', 'updateCycleDays'],
      'CZ-HUB': ['hubHeartbeatMaxAgeDays'],
      'CZ-MLPS-TIMELY': ['mlpsFilingDeadlineDays'],
      'CZ-PREREVIEW': ['procurementLimit'],
      'CZ-PREREVIEW-RELIABLE': ['procurementLimit'],
      'CZ-REVIEW-PATH': ['approvalThreshold', 'procurementLimit'],
      'CZ-SECURITY': ['securityEvalMaxAgeDaysLevel3', 'securityEvalMaxAgeDaysLevel4'],
      'CZ-SUPERVISION': ['procurementLimit'],
      'YY-ACCEPTANCE-PATH': ['acceptanceExpertMinInvestment'],
      'YY-CLOUD-NO-SELFBUILD': ['bigDataCentreUnitCodes', 'bigDataCentreUnitNames'],
      'YY-EXPERT-REVIEW': ['expertReviewMinInvestment'],
      'YY-KEY-DOMAIN': ['keyDomains'],
      'YY-MLPS-EVAL': ['mlpsEvalMaxAgeDaysLevel3', 'mlpsEvalMaxAgeDaysLevel4'],
      'YY-MLPS-TIMELY': ['mlpsFilingDeadlineDays'],
      'YY-OM-PERIOD': ['omPeriodMinMonths'],
      'YY-SUPERVISION': ['supervisionMinInvestment'],
      'YY-VIDEO': ['videoMinOnlineRatio'],
      'YY-YWTB': ['ywtbCaseReturnMaxAgeDays'],
    });
  });

  it('refuses an unknown setting key, so a typo in a published version is an error', () => {
    const [pack] = allPacks();

    const parsed = pack!.settingsSchema.safeParse({ videoMinOnlineRatoi: 0.8 });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['videoMinOnlineRatoi'],
    });
  });

  it('names file, line and key of a bad parameter, Chinese first', () => {
    const text = example().replace('level3Days: { setting: evalMaxAgeDaysLevel3 }', 'level3Days: 0');
    const line = text.split('\n').findIndex((l) => l.includes('level3Days: 0')) + 1;

    expect(problems(text)).toEqual([
      `x.pack.yaml:${line} requirements[2].check.params.level3Days：必须是正整数 / must be a positive integer`,
    ]);
  });

  it('names an unknown key where it stands', () => {
    const text = example().replace(
      '    basis: local\n    severity: blocking\n    domain: cloud\n    check: { id: network-zone }',
      '    basis: local\n    severity: blocking\n    domian: cloud\n    check: { id: network-zone }',
    );
    const line = text.split('\n').findIndex((l) => l.includes('domian')) + 1;

    expect(problems(text)).toContain(
      `x.pack.yaml:${line} requirements[1].domian：未知的键：domian / unknown key(s): domian`,
    );
  });

  it('names an unknown check with the ones there are, and a missing setting', () => {
    const text = example()
      .replace('check: { id: network-zone }', 'check: { id: network-zones }')
      .replace('{ setting: evalMaxAgeDaysLevel4 }', '{ setting: nope }');

    const found = problems(text);

    expect(
      found.some((p) =>
        /requirements\[1\]\.check\.id：没有名为 network-zones 的检查；可用：cloud-deployment、/.test(p),
      ),
    ).toBe(true);
    expect(
      found.some((p) =>
        p.endsWith('requirements[2].check.params.level4Days：没有设置项 nope / no setting nope'),
      ),
    ).toBe(true);
  });

  it('gives the line of a YAML syntax error', () => {
    expect(problems('id: shili\nname: { zh: 示例\n')[0]).toMatch(/^x\.pack\.yaml:\d+：YAML 语法错误/);
  });

  it('refuses a CEL expression that does not parse, at load', () => {
    const text = example().replace('>= settings.minProductionResources', '>= >= 1');

    expect(problems(text).join('\n')).toContain('requirements[4].check.params.expression：CEL 表达式有误');
  });

  it('says what each requirement would do', () => {
    const { pack } = compilePackFile('shili.pack.yaml', example());

    expect(describeRequirement(pack.rules[2]!).en).toBe(
      [
        'SL-MLPS-EVAL MLPS evaluation on time (第八条; blocking, national-verified, security)',
        '  check: evaluation-age(level3Days = setting evalMaxAgeDaysLevel3 (default 365), level4Days = setting evalMaxAgeDaysLevel4 (default 180))',
        '  reads: mlps',
      ].join('\n'),
    );
  });

  describe('a CEL requirement', () => {
    const { pack } = compilePackFile('shili.pack.yaml', example());
    const judge = (resources: ReturnType<typeof buildResource>[], settings = {}) =>
      findingOf(
        evaluateProject(
          pack,
          buildFacts({ project: buildProject({ region: '439900' }), resources: resources }),
          {
            now: NOW,
            settings: pack.settingsSchema.parse(settings),
          },
        ),
        'SL-PROD-RUNNING',
      );

    it('gives PASS when the expression holds, resting on the records it names', () => {
      const r = buildResource({ environment: 'production', status: 'running' });

      const finding = judge([r]);

      expect(finding).toMatchObject({ verdict: 'PASS', reason: { zh: '政务云生产环境有运行中的资源' } });
      expect(finding.evidence).toEqual([r.evidence]);
    });

    it('gives FAIL when it does not, reading the setting the pack declares', () => {
      const r = buildResource({ environment: 'production', status: 'running' });

      expect(judge([r], { minProductionResources: 2 }).verdict).toBe('FAIL');
      expect(judge([buildResource({ environment: 'test', status: 'running' })]).verdict).toBe('FAIL');
    });

    it('gives UNKNOWN naming the error when the expression cannot be evaluated', () => {
      const text = example().replace('>= settings.minProductionResources', '>= settings.noSuchSetting');
      const broken = compilePackFile('shili.pack.yaml', text).pack;

      const finding = findingOf(
        evaluateProject(broken, buildFacts({ project: buildProject(), resources: [buildResource()] }), {
          now: NOW,
        }),
        'SL-PROD-RUNNING',
      );

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toContain('表达式求值失败');
    });
  });
});
