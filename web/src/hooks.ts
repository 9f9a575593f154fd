import { useCallback, useEffect, useState } from 'react';
import { get, messageOf } from './api.ts';
import { useSession } from './session.tsx';

/**
 * Loads `path` (again whenever it changes); `reload` fetches it anew. Keeps the error itself, so a
 * page can tell "you may not" (403) from "it failed".
 */
export function useResource<T>(path: string | null) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(Boolean(path));
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!path || version < 0) return;
    let current = true;
    setLoading(true);
    get<T>(path)
      .then((value) => {
        if (current) {
          setData(value);
          setError(null);
        }
      })
      .catch((failure: unknown) => {
        if (current) setError(failure);
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [path, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload, setData };
}

/** useResource with the error as the text to show. */
export function useApi<T>(path: string | null) {
  const resource = useResource<T>(path);
  return { ...resource, error: resource.error === null ? null : messageOf(resource.error) };
}

/** The label of a status key in the UI language. */
export function useStatusLabel() {
  const { statuses } = useSession();
  return useCallback(
    (key: string, language: string) => {
      const found = statuses?.statuses.find((s) => s.key === key);
      if (!found) return key;
      return language === 'ru' ? found.labels.ru : found.labels.en;
    },
    [statuses],
  );
}

/** The label of a reason of a status (refused, junk, …). */
export function useReasonLabel() {
  const { statuses } = useSession();
  return useCallback(
    (status: string, key: string | null, language: string) => {
      if (!key) return '';
      const found = statuses?.reasons[status]?.find((r) => r.key === key);
      if (!found) return key;
      return language === 'ru' ? found.labels.ru : found.labels.en;
    },
    [statuses],
  );
}
