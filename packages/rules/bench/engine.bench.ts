/**
 * `npm run bench` (in @hub/rules): how fast the pure engine judges projects — the CPU part of a scan.
 * 2,000 projects (both packs, a third county-level), each with three resources (one suggested, so the
 * engine's second pass runs) and their tenant. Prints figures; asserts nothing.
 */
import { evaluateProject } from '../src/engine';
import { packFor } from '../src/packs';
import { buildFacts, buildProject, buildResource, buildTenant, NOW } from '../src/testing/facts.factory';

const projects = Array.from({ length: 2_000 }, (_, i) => {
  const tenant = buildTenant();
  return buildFacts({
    project: buildProject({
      policyPack: i % 2 ? 'yueyang' : 'chenzhou',
      region: i % 3 ? '430600' : '430621',
    }),
    resources: [
      buildResource({ tenantId: tenant.fact.tenantId }),
      buildResource({ tenantId: tenant.fact.tenantId, environment: 'test' }),
      buildResource({ tenantId: tenant.fact.tenantId, networkZone: 'internet' }, 'suggested'),
    ],
    tenants: [tenant],
  });
});

function evaluateAll(): number {
  let findings = 0;
  for (const facts of projects) {
    findings += evaluateProject(packFor(facts.project.policyPack), facts, { now: NOW }).findings.length;
  }
  return findings;
}

evaluateAll(); // warm-up
const rounds = 10;
const times: number[] = [];
let findings = 0;
for (let r = 0; r < rounds; r++) {
  const start = performance.now();
  findings = evaluateAll();
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(rounds / 2)]!;
console.log(
  `engine: ${projects.length} projects (${findings} findings) per round, ${rounds} rounds: ` +
    `median ${median.toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms, max ${times[rounds - 1]!.toFixed(1)} ms ` +
    `→ ${Math.round((projects.length / median) * 1000).toLocaleString('en')} projects/s`,
);
