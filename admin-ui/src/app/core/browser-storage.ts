import { InjectionToken } from '@angular/core';

/** The subset of Web Storage the console uses; tests provide an in-memory one. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function createMemoryStorage(): KeyValueStorage {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

function openStorage(kind: 'localStorage' | 'sessionStorage'): KeyValueStorage {
  // Storage access throws in some privacy modes; the console then remembers for this page only.
  try {
    const storage = globalThis[kind];
    storage.getItem('llmfb.probe');
    return storage;
  } catch {
    return createMemoryStorage();
  }
}

/** Per-browser preferences (language, theme). */
export const LOCAL_STORAGE = new InjectionToken<KeyValueStorage>('LOCAL_STORAGE', {
  providedIn: 'root',
  factory: () => openStorage('localStorage'),
});

/** Per-tab secrets (the playground's pasted proxy key): gone when the tab closes. */
export const SESSION_STORAGE = new InjectionToken<KeyValueStorage>('SESSION_STORAGE', {
  providedIn: 'root',
  factory: () => openStorage('sessionStorage'),
});

export { createMemoryStorage };
