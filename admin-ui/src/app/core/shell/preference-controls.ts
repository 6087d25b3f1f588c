import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslatePipe } from '@ngx-translate/core';
import { LANGUAGES, LanguageStore } from '../i18n/language-store';
import { ThemeStore } from '../theme/theme-store';

/** Language menu and light/dark toggle, shown in the toolbar and on the sign-in pages. */
@Component({
  selector: 'app-preference-controls',
  imports: [MatButtonModule, MatIconModule, MatMenuModule, MatTooltipModule, TranslatePipe],
  template: `
    <button
      mat-icon-button
      [matMenuTriggerFor]="languageMenu"
      [attr.aria-label]="'shell.language' | translate"
      [matTooltip]="'shell.language' | translate"
      data-testid="language-menu"
    >
      <mat-icon aria-hidden="true">translate</mat-icon>
    </button>
    <mat-menu #languageMenu="matMenu">
      @for (option of languages; track option.id) {
        <button
          mat-menu-item
          [attr.lang]="option.id"
          [attr.aria-current]="option.id === languageStore.language() ? 'true' : null"
          (click)="languageStore.use(option.id)"
        >
          <mat-icon aria-hidden="true">{{
            option.id === languageStore.language() ? 'check' : ''
          }}</mat-icon>
          <span>{{ option.label }}</span>
        </button>
      }
    </mat-menu>
    <button
      mat-icon-button
      (click)="themeStore.toggle()"
      [attr.aria-label]="
        (themeStore.mode() === 'dark' ? 'shell.useLightTheme' : 'shell.useDarkTheme') | translate
      "
      [matTooltip]="
        (themeStore.mode() === 'dark' ? 'shell.useLightTheme' : 'shell.useDarkTheme') | translate
      "
      data-testid="theme-toggle"
    >
      <mat-icon aria-hidden="true">{{
        themeStore.mode() === 'dark' ? 'light_mode' : 'dark_mode'
      }}</mat-icon>
    </button>
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PreferenceControls {
  protected readonly languageStore = inject(LanguageStore);
  protected readonly themeStore = inject(ThemeStore);
  protected readonly languages = LANGUAGES;
}
