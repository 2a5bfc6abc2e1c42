import { projectContentHash } from './content-hash';
import { buildProject } from '@hub/contracts/testing';

describe(projectContentHash.name, () => {
  it('gives the same hash for the same project whatever the key order', () => {
    const project = buildProject();
    const reversed = Object.fromEntries(Object.entries(project).reverse()) as typeof project;

    expect(projectContentHash(reversed)).toBe(projectContentHash(project));
    expect(projectContentHash(project)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any field changes, including null against empty and system name order', () => {
    const project = buildProject({ systemNames: ['甲', '乙'], omPlan: null });
    const base = projectContentHash(project);

    expect(projectContentHash({ ...project, investment: '350.1' })).not.toBe(base);
    expect(projectContentHash({ ...project, omPlan: false })).not.toBe(base);
    expect(projectContentHash({ ...project, systemNames: ['乙', '甲'] })).not.toBe(base);
  });
});
