import { packFor, allPacks } from '@hub/rules';
import { packDivisions } from './pack-divisions';

const chenzhouPack = packFor('chenzhou');
const yueyangPack = packFor('yueyang');

describe('packDivisions', () => {
  it('names the city and each county of a pack as people write them', () => {
    const yueyang = packDivisions(yueyangPack);
    expect(yueyang[0]).toEqual({ code: '430600', name: '岳阳市', cityLevel: true });
    expect(yueyang).toContainEqual({ code: '430602', name: '岳阳市岳阳楼区', cityLevel: false });
    expect(packDivisions(chenzhouPack)).toContainEqual({
      code: '431002',
      name: '郴州市北湖区',
      cityLevel: false,
    });
  });

  it('lists every division of the pack once, only the first at city level', () => {
    for (const pack of allPacks()) {
      const divisions = packDivisions(pack);
      expect(divisions.map((d) => d.code)).toEqual(pack.divisions.map((d) => d.code));
      expect(divisions.filter((d) => d.cityLevel).map((d) => d.code)).toEqual([pack.divisionCode]);
    }
  });
});
