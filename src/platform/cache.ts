/** The script cache: a few ms to read, where Properties cost 30 and a sheet read 60 (PLATFORM.md). */
export interface Cache {
  get(key: string): string | null;
  put(key: string, value: string, seconds: number): void;
  remove(key: string): void;
}

export function scriptCache(): Cache {
  const cache = CacheService.getScriptCache();
  return {
    get: (key) => cache.get(key),
    put: (key, value, seconds) => cache.put(key, value, seconds),
    remove: (key) => cache.remove(key),
  };
}
