import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packFor, packIds, yueyangPack } from '@hub/rules';
import { ruleView } from './packs.controller';
import { PACK_WIDE_SETTINGS, RULE_SETTINGS, settingsOfRule } from './rule-settings';

const PACKS_DIR = join(__dirname, '../../../../../packages/rules/src/packs');

/** rule id → the `settings.x` its source file reads, from the rule sources themselves */
function settingsReadBySource(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const city of readdirSync(PACKS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(join(PACKS_DIR, city.name)).filter((f) => /\.rule\.ts$/.test(f))) {
      const source = readFileSync(join(PACKS_DIR, city.name, file), 'utf8');
      const id = /^\s*id: '([A-Z0-9-]+)'/m.exec(source)?.[1];
      if (!id) throw new Error(`${file} declares no rule id`);
      const keys = [...source.matchAll(/\bsettings\.([A-Za-z0-9]+)/g)].map((m) => m[1]!);
      out.set(id, [...new Set(keys)].sort());
    }
  }
  return out;
}

describe('RULE_SETTINGS', () => {
  it('names exactly the settings each rule’s source reads', () => {
    const fromSource = settingsReadBySource();
    const allRules = packIds().flatMap((id) => packFor(id).rules.map((r) => r.id));
    expect([...fromSource.keys()].sort()).toEqual([...allRules].sort());
    for (const id of allRules) {
      expect({ id, settings: settingsOfRule(id) }).toEqual({ id, settings: fromSource.get(id) });
    }
  });

  it('names only settings that exist in the rule’s pack', () => {
    for (const packId of packIds()) {
      const defaults = packFor(packId).settingsSchema.parse({}) as Record<string, unknown>;
      for (const rule of packFor(packId).rules) {
        for (const key of [...(RULE_SETTINGS[rule.id] ?? []), ...PACK_WIDE_SETTINGS]) {
          expect(defaults).toHaveProperty(key);
        }
      }
    }
  });

  it('is what the rule catalogue shows for each rule', () => {
    const video = yueyangPack.rules.find((r) => r.id === 'YY-VIDEO')!;
    expect(ruleView(video as never).settings).toEqual(['videoMinOnlineRatio']);
    const plan = yueyangPack.rules.find((r) => r.id === 'YY-PLAN')!;
    expect(ruleView(plan as never).settings).toEqual([]);
  });
});
