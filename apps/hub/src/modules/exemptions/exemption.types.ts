/** Why a rule may be exempted (豁免理由类别), with the words an opinion and the dashboard use. */
export const EXEMPTION_CATEGORIES = ['classified', 'internal-equipment', 'higher-rule', 'other'] as const;
export type ExemptionCategory = (typeof EXEMPTION_CATEGORIES)[number];

export const EXEMPTION_CATEGORY_TITLES: Record<ExemptionCategory, { zh: string; en: string }> = {
  classified: { zh: '涉密', en: 'classified' },
  'internal-equipment': { zh: '单位内部设备', en: "the unit's internal equipment" },
  'higher-rule': { zh: '国家/省另有规定', en: 'national or provincial rules provide otherwise' },
  other: { zh: '其他', en: 'other' },
};
