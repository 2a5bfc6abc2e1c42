import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import { api, ApiError, onUnauthenticated } from '../api/client';

export type Role = 'admin' | 'reviewer' | 'monitor' | 'applicant' | 'auditor';

export interface Me {
  user: {
    id: string;
    username: string;
    displayName: string;
    role: Role;
    unitCode: string | null;
    mustChangePassword: boolean;
    signIn: { password: boolean; oidc: boolean };
  } | null;
  role: Role;
  unitCode: string | null;
  viaToken: boolean;
  /** the permissions the hub grants this role (GET /api/auth/me): the only source of what the UI offers */
  permissions: string[];
}

interface AuthState {
  me: Me | null;
  loading: boolean;
  can(permission: string): boolean;
  refresh(): Promise<unknown>;
}

const AuthContext = createContext<AuthState | null>(null);
export const ME_KEY = ['auth', 'me'] as const;

/** Who is signed in, from the hub; null when nobody is (401). */
export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await api.get<Me>('/api/auth/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
  // Any 401 from any screen means the session is over: forget everything the old session loaded.
  useEffect(
    () =>
      onUnauthenticated(() => {
        client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
        client.setQueryData(ME_KEY, null);
      }),
    [client],
  );
  const value = useMemo<AuthState>(() => {
    const me = query.data ?? null;
    const permissions = new Set(me?.permissions ?? []);
    return {
      me,
      loading: query.isPending,
      can: (permission) => permissions.has(permission),
      refresh: () => query.refetch(),
    };
  }, [query]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** Renders children only when the signed-in role holds `permission`, as the API would decide. */
export function Can({ permission, children }: { permission: string; children: ReactNode }) {
  return useAuth().can(permission) ? <>{children}</> : null;
}
