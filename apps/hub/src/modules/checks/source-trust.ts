import type { SourceId } from '@hub/contracts';
import type { SourceState } from '@hub/rules';

type States = Partial<Record<SourceId, SourceState>>;

/** A sync row as far as the rules' trust in its source goes. */
export interface SyncRowForTrust {
  source: string;
  status: 'running' | 'succeeded' | 'partial' | 'failed';
  finishedAt: Date | null;
  error: string | null;
  pagesFetched: number;
  pagesFailed: number;
  pagesTotal: number | null;
  parentSyncId: string | null;
  recoveredProjects: string[];
}

/**
 * What the rules of one run may trust, project by project: each source as its sync left it, and,
 * where a bulk sync fell short, the projects whose records a recovery then fetched whole.
 */
export class SourceTrust {
  private constructor(
    private readonly states: States,
    private readonly recovered: ReadonlyMap<SourceId, { at: string; projects: ReadonlySet<string> }>,
  ) {}

  /** The same states for every project (a targeted check, a preview on stored facts). */
  static of(states: States): SourceTrust {
    return new SourceTrust(states, new Map());
  }

  /**
   * From a run's sync rows: bulk or targeted syncs give each source's state (with its pages and,
   * when known, when the source was last complete); recoveries name the projects made whole again.
   */
  static fromSyncs(
    syncs: readonly SyncRowForTrust[],
    lastCompleteAt?: ReadonlyMap<string, Date | null>,
  ): SourceTrust {
    const states: States = {};
    const recovered = new Map<SourceId, { at: string; projects: ReadonlySet<string> }>();
    for (const s of syncs) {
      const source = s.source as SourceId;
      if (s.parentSyncId) {
        recovered.set(source, {
          at: (s.finishedAt ?? new Date(0)).toISOString(),
          projects: new Set(s.recoveredProjects),
        });
        continue;
      }
      const last = lastCompleteAt?.get(s.source);
      states[source] = {
        source,
        status: s.status === 'running' ? 'failed' : s.status,
        finishedAt: s.finishedAt?.toISOString() ?? null,
        error: s.error,
        ...(s.status === 'succeeded'
          ? {}
          : { pages: { fetched: s.pagesFetched, failed: s.pagesFailed, total: s.pagesTotal } }),
        ...(last === undefined ? {} : { lastCompleteAt: last?.toISOString() ?? null }),
      };
    }
    return new SourceTrust(states, recovered);
  }

  /** Every source's state, as the run left it, without any project's recovery. */
  get base(): States {
    return this.states;
  }

  /** The states the rules judge one project on. */
  forProject(projectCode: string): States {
    if (this.recovered.size === 0) return this.states;
    const out: States = { ...this.states };
    for (const [source, r] of this.recovered) {
      const state = out[source];
      if (state && state.status !== 'succeeded' && r.projects.has(projectCode)) {
        out[source] = { ...state, recoveredAt: r.at };
      }
    }
    return out;
  }
}
