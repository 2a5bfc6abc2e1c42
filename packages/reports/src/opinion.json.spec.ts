import { buildOpinion } from '@hub/reports/testing';
import { renderOpinionJson } from './opinion.json';
import type { OpinionDocument } from './opinion.types';

/** The same object with its top-level and project keys inserted in reverse order. */
function reversed(doc: OpinionDocument): OpinionDocument {
  const project = Object.fromEntries(Object.entries(doc.project).reverse()) as OpinionDocument['project'];
  return Object.fromEntries(Object.entries({ ...doc, project }).reverse()) as unknown as OpinionDocument;
}

describe('renderOpinionJson', () => {
  it('round-trips the document', () => {
    const doc = buildOpinion();
    expect(JSON.parse(renderOpinionJson(doc))).toEqual(doc);
  });

  it('is stable: the same bytes whatever order the fields were assembled in, keys sorted, two-space indent', () => {
    const doc = buildOpinion();
    const json = renderOpinionJson(doc);

    expect(renderOpinionJson(reversed(doc))).toBe(json);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.split('\n')[1]).toBe('  "blockingRuleIds": [');
    const topKeys = Object.keys(JSON.parse(json) as object);
    expect(topKeys).toEqual([...topKeys].sort());
  });

  it('keeps array order (sections, findings, evidence) and Chinese as characters, not escapes', () => {
    const doc = buildOpinion();
    const parsed = JSON.parse(renderOpinionJson(doc)) as OpinionDocument;

    expect(parsed.sections.map((s) => s.domain)).toEqual(doc.sections.map((s) => s.domain));
    expect(renderOpinionJson(doc)).toContain('"name": "岳阳市智慧应急指挥平台建设项目"');
  });
});
