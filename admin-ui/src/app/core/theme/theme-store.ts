import { DOCUMENT } from '@angular/common';
import { Injectable, effect, inject, signal } from '@angular/core';
import { LOCAL_STORAGE } from '../browser-storage';

export type ThemeMode = 'light' | 'dark';

const storageKey = 'llmfb.theme';

/** Light or dark, remembered per browser; first guessed from the system preference. */
@Injectable({ providedIn: 'root' })
export class ThemeStore {
  private readonly document = inject(DOCUMENT);
  private readonly storage = inject(LOCAL_STORAGE);
  private readonly current = signal<ThemeMode>(this.readInitialMode());

  readonly mode = this.current.asReadonly();

  constructor() {
    effect(() => {
      const mode = this.current();
      this.document.documentElement.classList.toggle('dark-theme', mode === 'dark');
    });
  }

  toggle(): void {
    this.use(this.current() === 'dark' ? 'light' : 'dark');
  }

  use(mode: ThemeMode): void {
    this.current.set(mode);
    this.storage.setItem(storageKey, mode);
  }

  private readInitialMode(): ThemeMode {
    const saved = this.storage.getItem(storageKey);
    if (saved === 'light' || saved === 'dark') return saved;
    const prefersDark = this.document.defaultView?.matchMedia?.('(prefers-color-scheme: dark)');
    return prefersDark?.matches ? 'dark' : 'light';
  }
}
