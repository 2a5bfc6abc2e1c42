import { act, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { onTestFinished, vi } from 'vitest';
import { createQueryClient, Providers } from '../app';
import type { Me, Role } from '../auth/auth';

/** A signed-in user as GET /api/auth/me describes them. */
export function meOf(role: Role, permissions: string[], unitCode: string | null = null): Me {
  return {
    user: {
      id: `u-${role}`,
      username: role,
      displayName: `${role} user`,
      role,
      unitCode,
      mustChangePassword: false,
      signIn: { password: true, oidc: false },
    },
    role,
    unitCode,
    viaToken: false,
    permissions,
  };
}

type Handler = (request: { url: URL; method: string; body: unknown }) => unknown;

/** A multipart body as a test reads it: each field's text, each file's name, type and size. */
function formFields(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  form.forEach((value, key) => {
    out[key] = typeof value === 'string' ? value : { name: value.name, type: value.type, size: value.size };
  });
  return out;
}

/**
 * The hub as the component sees it: `routes['GET /api/x']` answers with JSON (or throws an
 * `{ status, body }` to answer with an error). Unknown routes fail the test loudly.
 */
export function mockHub(routes: Record<string, Handler | object>) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://hub.test');
    const method = (init?.method ?? 'GET').toUpperCase();
    const body =
      init?.body instanceof FormData
        ? formFields(init.body)
        : init?.body
          ? JSON.parse(String(init.body))
          : undefined;
    calls.push({ method, path: url.pathname + url.search, body });
    const key = `${method} ${url.pathname}`;
    const route = routes[key];
    if (route === undefined) {
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: { zh: key, en: key } } }), {
        status: 599,
        headers: { 'content-type': 'application/json' },
      });
    }
    try {
      const value = typeof route === 'function' ? (route as Handler)({ url, method, body }) : route;
      return new Response(value === undefined ? null : JSON.stringify(value), {
        status: value === undefined ? 204 : 200,
        headers: { 'content-type': 'application/json' },
      });
    } catch (e) {
      const { status, body: errorBody } = e as { status: number; body: unknown };
      return new Response(JSON.stringify(errorBody), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    }
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

/** Render `element` at `path` (matched against `pattern`) inside the app's providers. */
export function renderPage(element: ReactElement, options: { path?: string; pattern?: string } = {}) {
  const path = options.path ?? '/';
  const router = createMemoryRouter(
    [
      { path: options.pattern ?? path.split('?')[0], element },
      { path: '/login', element: <div>login page</div> },
      { path: '*', element: <div>elsewhere</div> },
    ],
    { initialEntries: [path] },
  );
  return {
    router,
    ...render(
      <Providers client={createQueryClient()}>
        <RouterProvider router={router} />
      </Providers>,
    ),
  };
}

/** The test runner's Node process (the dashboard's own types know no Node). */
interface RunnerProcess {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): void;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): void;
}

/**
 * Promise rejections nobody handled while the current test runs, such as a form's failed validation
 * thrown into the void: a form that shows its field errors leaves the list empty.
 */
export function unhandledRejections(): unknown[] {
  const seen: unknown[] = [];
  const runner = (globalThis as unknown as { process: RunnerProcess }).process;
  const listener = (reason: unknown) => seen.push(reason);
  runner.on('unhandledRejection', listener);
  onTestFinished(() => runner.off('unhandledRejection', listener));
  return seen;
}

/** Lets the runner report a rejection left unhandled by what just happened (it does so a tick later). */
export const settled = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 50)));
