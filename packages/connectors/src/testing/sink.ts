import type { SyncPage } from '../framework/connector';

/** A sink that keeps every page it is handed. */
export function collectingSink(): { pages: SyncPage[]; sink: (page: SyncPage) => Promise<void> } {
  const pages: SyncPage[] = [];
  return {
    pages,
    sink: async (page) => {
      pages.push(page);
    },
  };
}
