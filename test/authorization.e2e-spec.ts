import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { writeRegistryWorkbook } from '@hub/registry';
import { generateDemoCity } from '@hub/sandbox';
import { type RouteEntry, routeTable } from '../apps/hub/src/modules/auth/policy';
import { type Permission, ROLES, type Role, roleAllows } from '../apps/hub/src/modules/auth/roles';
import { ChecksService } from '../apps/hub/src/modules/checks/checks.service';
import { type ApiClient, DEMO_NOW, startTestHub, type TestHub, userWithToken } from './support/hub';

/**
 * The authorization matrix, generated from the application's own route table: every route × every
 * role × a project of the caller's own unit and of another unit. A route added without a policy, or
 * a policy that lets a role through where the table in roles.ts says no, fails here.
 */
describe('authorization matrix (route table × role × unit)', () => {
  const demo = generateDemoCity({ now: DEMO_NOW });
  let hub: TestHub;
  let app: INestApplication;
  let table: RouteEntry[];
  const clients = {} as Record<Role, ApiClient>;
  /** the applicant's unit and a project of it; a project of another unit */
  const own = { unitCode: '', code: '', runId: '' };
  const other = { unitCode: '', code: '', name: '', runId: '' };
  let otherUnitCodes: string[];
  let scanRunId: string;

  beforeAll(async () => {
    hub = await startTestHub(demo.dataset, { env: { HUB_AUTH_RATE_LIMIT_PER_MINUTE: '1000' } });
    app = hub.app;
    await hub.http
      .post('/api/registry/imports')
      .attach('file', await writeRegistryWorkbook(demo.projects), 'p.xlsx')
      .expect(201);
    scanRunId = (await app.get(ChecksService).scan()).id;
    const projects = demo.projects;
    const ownProject = projects.find((p) => p.code === demo.designed[0]!.code)!;
    const otherProject = projects.find((p) => p.unitCode !== ownProject.unitCode)!;
    Object.assign(own, { unitCode: ownProject.unitCode, code: ownProject.code });
    Object.assign(other, {
      unitCode: otherProject.unitCode,
      code: otherProject.code,
      name: otherProject.name,
    });
    otherUnitCodes = demo.projects.filter((p) => p.unitCode !== own.unitCode).map((p) => p.code);
    own.runId = (await app.get(ChecksService).checkProject(own.code)).id;
    other.runId = (await app.get(ChecksService).checkProject(other.code)).id;
    for (const role of ROLES) {
      clients[role] = (
        await userWithToken(app, role, role === 'applicant' ? { unitCode: own.unitCode } : {})
      ).http;
    }
    table = routeTable(app.get(DiscoveryService), app.get(Reflector));
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('finds a policy declared on every route', () => {
    expect(table.length).toBeGreaterThan(20);
    expect(table.filter((r) => !r.policy).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  /** A request to `route` about a project of `unit`: path parameters and a body that name it. */
  function requestFor(client: ApiClient, route: RouteEntry, unit: typeof own | typeof other) {
    const path = route.path
      .replace(':code', unit.code)
      .replace(/^\/api\/checks\/:id$/, `/api/checks/${unit.runId}`)
      .replace(
        ':id',
        route.path.startsWith('/api/users') ? 'nobody' : '00000000-0000-4000-8000-000000000000',
      );
    const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
    const req = client[method](path);
    if (method === 'get') return req;
    return req.send(route.path === '/api/checks' ? { projectCode: unit.code } : {});
  }

  /** Routes whose answer is about one project, so an applicant of another unit must find nothing. */
  const aboutOneProject = (route: RouteEntry) =>
    route.path.includes(':code') || route.path === '/api/checks/:id' || route.path === '/api/checks';

  const protectedRoutes = () =>
    table.filter((r): r is RouteEntry & { policy: { kind: 'permission'; permission: Permission } } =>
      Boolean(r.policy && r.policy.kind === 'permission'),
    );

  it.each(ROLES)(
    'lets %s through exactly where the policy table allows, own unit and other',
    async (role) => {
      const failures: string[] = [];
      for (const route of protectedRoutes()) {
        const allowed = roleAllows(role, route.policy.permission);
        for (const [which, unit] of [
          ['own', own],
          ['other', other],
        ] as const) {
          const res = await requestFor(clients[role], route, unit);
          const where = `${role} ${route.method} ${route.path} (${which} unit) → ${res.status} ${res.body?.error?.code ?? ''}`;
          if (!allowed) {
            if (res.status !== 403 || res.body.error.code !== 'FORBIDDEN')
              failures.push(`${where}, expected 403`);
          } else if (res.status === 401 || res.status === 403) {
            failures.push(`${where}, expected to pass the policy`);
          } else if (
            role === 'applicant' &&
            which === 'other' &&
            aboutOneProject(route) &&
            res.status !== 404
          ) {
            failures.push(`${where}, expected 404 for another unit's project`);
          } else if (res.status >= 500) {
            failures.push(`${where}, server error`);
          }
        }
      }
      expect(failures).toEqual([]);
    },
  );

  it("never shows an applicant another unit's project, by any route, filter or search", async () => {
    const reads = protectedRoutes().filter(
      (r) => r.method === 'GET' && roleAllows('applicant', r.policy.permission),
    );
    expect(reads.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/projects', '/api/projects/:code', '/api/findings']),
    );
    const queries = [
      {},
      { pageSize: '500' },
      { unitCode: other.unitCode, pageSize: '500' },
      { q: other.code },
      { q: other.name.slice(0, 4) },
      { projectCode: other.code },
    ];
    const leaks: string[] = [];
    let seenOwn = false;
    for (const route of reads) {
      for (const unit of [own, other]) {
        for (const query of queries) {
          const res = await requestFor(clients.applicant, route, unit).query(query);
          // An error may echo what the caller itself asked for; anything else is a leak.
          const asked = res.status >= 400 ? [unit.code, ...Object.values(query)] : [];
          const text = asked.reduce((t, a) => t.replaceAll(a, ''), JSON.stringify(res.body));
          seenOwn ||= text.includes(own.code);
          const leaked = otherUnitCodes.filter((code) => text.includes(code));
          if (leaked.length)
            leaks.push(`${route.path} ${JSON.stringify(query)}: ${leaked.slice(0, 3).join(', ')}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // The same reads do show the applicant its own project, and show others' to a reviewer.
    expect(seenOwn).toBe(true);
    const all = await clients.reviewer.get('/api/projects').query({ pageSize: '500' }).expect(200);
    expect(JSON.stringify(all.body)).toContain(other.code);
  });

  it('hides a scan run from an applicant and shows it to the reviewer', async () => {
    await clients.applicant.get(`/api/checks/${scanRunId}`).expect(404);
    await clients.reviewer.get(`/api/checks/${scanRunId}`).expect(200);
  });
});
