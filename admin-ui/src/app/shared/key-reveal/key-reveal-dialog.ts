import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTabsModule } from '@angular/material/tabs';
import { TranslatePipe } from '@ngx-translate/core';
import { CopyButton } from '../copy-button';
import { ProxyFormat, buildSnippets } from './build-snippets';

export interface KeyRevealData {
  readonly key: string;
  /** When known, snippets use this model alias and format. */
  readonly model?: string;
  readonly format?: ProxyFormat;
}

/** Shows a new proxy key once, with a copy button and ready-to-paste snippets. */
@Component({
  selector: 'app-key-reveal-dialog',
  imports: [
    CopyButton,
    MatButtonModule,
    MatDialogModule,
    MatIconModule,
    MatTabsModule,
    TranslatePipe,
  ],
  templateUrl: './key-reveal-dialog.html',
  styleUrl: './key-reveal-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KeyRevealDialog {
  protected readonly data = inject<KeyRevealData>(MAT_DIALOG_DATA);
  private readonly origin = inject(DOCUMENT).location.origin;

  protected readonly snippets = computed(() =>
    buildSnippets({
      origin: this.origin,
      key: this.data.key,
      model: this.data.model ?? 'MODEL_ALIAS',
      format: this.data.format ?? 'openai',
    }),
  );
}
