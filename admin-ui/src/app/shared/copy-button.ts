import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslatePipe } from '@ngx-translate/core';
import { Notifier } from '../core/errors/notifier';

/** Copies `text` to the clipboard (CDK Clipboard: works on plain http too) and says so. */
@Component({
  selector: 'app-copy-button',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, TranslatePipe],
  template: `
    <button
      mat-icon-button
      type="button"
      (click)="copyText()"
      [attr.aria-label]="label() | translate"
      [matTooltip]="label() | translate"
    >
      <mat-icon aria-hidden="true">content_copy</mat-icon>
    </button>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CopyButton {
  private readonly clipboard = inject(Clipboard);
  private readonly notifier = inject(Notifier);

  readonly text = input.required<string>();
  /** Translation key of the accessible name. */
  readonly label = input('common.copy');

  protected copyText(): void {
    if (this.clipboard.copy(this.text())) this.notifier.success('common.copied');
    else this.notifier.warn('common.copyFailed');
  }
}
