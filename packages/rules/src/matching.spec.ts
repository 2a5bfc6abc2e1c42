import { bestSystemNameScore, normalizeSystemName, systemNameScore } from './matching';

describe(normalizeSystemName.name, () => {
  it('folds full-width characters, spaces and brackets', () => {
    expect(normalizeSystemName('医保 智能监管（二期）系统')).toBe(
      normalizeSystemName('医保智能监管(二期)系统'),
    );
    expect(normalizeSystemName('ＯＡ　协同【平台】')).toBe('oa协同平台');
  });
});

describe(systemNameScore.name, () => {
  it('scores identical names after normalising as 1', () => {
    expect(systemNameScore('智慧教育 平台', '智慧教育平台')).toBe(1);
  });

  it('scores names equal but for a trailing 系统/平台 as 0.9', () => {
    expect(systemNameScore('应急指挥系统', '应急指挥')).toBe(0.9);
    expect(systemNameScore('应急指挥平台', '应急指挥系统')).toBe(0.9);
  });

  it('scores different names as 0, and never matches an empty name', () => {
    expect(systemNameScore('应急指挥系统', '医保监管系统')).toBe(0);
    expect(systemNameScore('系统', '平台')).toBe(0);
    expect(systemNameScore('', '')).toBe(0);
  });
});

describe(bestSystemNameScore.name, () => {
  it('takes the best of the project names', () => {
    expect(bestSystemNameScore('OA系统', ['门户网站', 'ＯＡ系统'])).toBe(1);
    expect(bestSystemNameScore('OA系统', [])).toBe(0);
  });
});
