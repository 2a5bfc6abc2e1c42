import type { DivisionView } from '../api/packs';

export const YY_DIVISIONS: DivisionView[] = [
  { code: '430600', name: '岳阳市', cityLevel: true },
  { code: '430602', name: '岳阳市岳阳楼区', cityLevel: false },
];
export const CZ_DIVISIONS: DivisionView[] = [
  { code: '431000', name: '郴州市', cityLevel: true },
  { code: '431002', name: '郴州市北湖区', cityLevel: false },
];

/** GET /api/packs as screens read it only to name division codes. */
export const PACKS_WITH_DIVISIONS = [
  { id: 'yueyang', name: { zh: '岳阳', en: 'Yueyang' }, divisionCode: '430600', divisions: YY_DIVISIONS },
  { id: 'chenzhou', name: { zh: '郴州', en: 'Chenzhou' }, divisionCode: '431000', divisions: CZ_DIVISIONS },
];
