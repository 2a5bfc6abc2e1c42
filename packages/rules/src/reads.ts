import type { TProject } from '@hub/contracts';
import type { ProjectRecords } from './facts';

/**
 * What one rule's evaluation read: the project's registry fields and the record lists
 * (`cloud.resources`, `mlps.filings`, …). Rules are pure, so a list the evaluation never read cannot
 * have changed its verdict: the engine uses this to tell which untrusted records matter to a rule,
 * and which registry cells a finding rests on.
 */
export class ReadLog {
  readonly fields = new Set<keyof TProject>();
  readonly lists = new Set<string>();

  /** The project, recording each field read. */
  project(project: TProject): TProject {
    const fields = this.fields;
    return new Proxy(project, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && prop in target) fields.add(prop as keyof TProject);
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
  }

  /** The record groups, recording each list read as `group.key`. */
  records(records: ProjectRecords): ProjectRecords {
    const lists = this.lists;
    const view = {} as Record<string, object>;
    for (const [group, lists_] of Object.entries(records) as [string, object][]) {
      view[group] = new Proxy(lists_, {
        get(target, prop, receiver) {
          if (typeof prop === 'string') lists.add(`${group}.${prop}`);
          return Reflect.get(target, prop, receiver) as unknown;
        },
      });
    }
    return view as unknown as ProjectRecords;
  }

  /** Marks a list read (for derived views such as the tenants by id). */
  read(list: string): void {
    this.lists.add(list);
  }
}
