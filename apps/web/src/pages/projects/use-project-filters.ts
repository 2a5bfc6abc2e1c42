import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { FILTER_KEYS, filtersFromSearch, pagingFromSearch, type ProjectFilters } from './project-filters';

export type ProjectsView = 'table' | 'matrix';

/** The project list's filters, page and tab, kept in the URL. */
export function useProjectFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const paging = useMemo(() => pagingFromSearch(params), [params]);
  const view: ProjectsView = params.get('view') === 'matrix' ? 'matrix' : 'table';

  const setFilter = useCallback(
    <K extends keyof ProjectFilters>(key: K, value: ProjectFilters[K] | undefined) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (value === undefined || value === '') next.delete(key);
        else next.set(key, String(value));
        // Another filter is another list: start it from its first page.
        next.delete('page');
        return next;
      });
    },
    [setParams],
  );

  const setPaging = useCallback(
    (page: number, pageSize: number) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (page > 1) next.set('page', String(page));
        else next.delete('page');
        next.set('pageSize', String(pageSize));
        return next;
      });
    },
    [setParams],
  );

  const setView = useCallback(
    (value: ProjectsView) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (value === 'table') next.delete('view');
        else next.set('view', value);
        return next;
      });
    },
    [setParams],
  );

  const reset = useCallback(() => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const key of [...FILTER_KEYS, 'page']) next.delete(key);
      return next;
    });
  }, [setParams]);

  return { filters, paging, view, setFilter, setPaging, setView, reset };
}
