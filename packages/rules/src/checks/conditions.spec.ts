import { testCondition, testWaiver } from '../testing/checks';
import { cloudExemption } from './cloud-exemption.waiver';
import { countyLevel } from './county-level.condition';
import { investmentAtLeast } from './investment-at-least.condition';
import { registryNotSet } from './registry-not-set.condition';
import { registrySet } from './registry-set.condition';
import { unitNotListed } from './unit-not-listed.condition';

const reason = { zh: '不适用', en: 'Does not apply' };

describe('conditions and waivers', () => {
  it(`${investmentAtLeast.id} applies from the threshold up, the figure included`, () => {
    expect(testCondition(investmentAtLeast, { threshold: 200 }, { investment: '200' }).applies).toBe(true);
    expect(testCondition(investmentAtLeast, { threshold: 200 }, { investment: '199.99' }).reason.zh).toBe(
      '总投资 199.99 万元，低于 200 万元',
    );
  });

  it(`${countyLevel.id} applies to a county's project only`, () => {
    expect(testCondition(countyLevel, {}, { region: '430621' }).applies).toBe(true);
    expect(testCondition(countyLevel, {}, { region: '430600' }).reason.zh).toBe('市本级项目');
  });

  it(`${unitNotListed.id} takes out a listed unit by name as typed or by credit code`, () => {
    const params = {
      names: ['岳阳市大数据中心'],
      codes: [],
      reason: { zh: '{unitName} 在名单内', en: '{unitName} listed' },
    };

    expect(testCondition(unitNotListed, params, { unitName: '岳阳市 大数据中心' }).reason.zh).toBe(
      '岳阳市 大数据中心 在名单内',
    );
    expect(testCondition(unitNotListed, params, { unitName: '市数据局' }).applies).toBe(true);
  });

  it(`${registrySet.id} applies to a yes or a filled cell, saying why not otherwise`, () => {
    expect(
      testCondition(registrySet, { field: 'approvedOn', reason }, { approvedOn: '2025-01-01' }).applies,
    ).toBe(true);
    const params = { field: 'isApplicationPlatform', reason, emptyReason: { zh: '空', en: 'empty' } };
    expect(testCondition(registrySet, params, { isApplicationPlatform: false }).reason).toEqual(reason);
    expect(testCondition(registrySet, params, { isApplicationPlatform: null }).reason.zh).toBe('空');
  });

  it(`${registryNotSet.id} takes out a project whose cell says yes`, () => {
    expect(
      testCondition(registryNotSet, { field: 'classified', reason }, { classified: true }).reason,
    ).toEqual(reason);
    expect(
      testCondition(registryNotSet, { field: 'classified', reason }, { classified: false }).applies,
    ).toBe(true);
  });

  it(`${cloudExemption.id} waives with the registry's document number, saying what is not known`, () => {
    expect(testWaiver(cloudExemption, {}, { cloudExemptionRef: '政数函〔2025〕2号' })?.documentNo).toBe(
      '政数函〔2025〕2号',
    );
    expect(testWaiver(cloudExemption, {}, { cloudExemptionRef: null })).toBeNull();
  });
});
