import { buildProject } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule } from '../../testing/packs';
const yyAcceptanceFiled = builtinRule('YY-ACCEPTANCE-FILED');

describe(yyAcceptanceFiled.id, () => {
  const sut = (acceptedOn: string | null, acceptanceFiled: boolean | null) =>
    judge(yueyangPack, yyAcceptanceFiled.id, { project: buildProject({ acceptedOn, acceptanceFiled }) });

  it('does not apply before completion acceptance (no 竣工验收日期)', () => {
    const finding = sut(null, null);

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.zh).toBe('登记表没有竣工验收日期：项目尚未通过竣工验收');
  });

  it('passes an accepted project whose acceptance report is filed', () => {
    const finding = sut('2025-06-28', true);

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason.zh).toBe('项目于 2025-06-28 通过竣工验收，验收资料已报备（验收资料备案：是）');
  });

  it.each([
    [false, '否'],
    [null, '空'],
  ])('fails an accepted project whose 验收资料备案 is %s', (filed, shown) => {
    const finding = sut('2025-06-28', filed);

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.zh).toBe(
      `项目于 2025-06-28 通过竣工验收，但验收资料未报备（验收资料备案：${shown}）`,
    );
    expect(finding.severity).toBe('advisory');
  });
});
