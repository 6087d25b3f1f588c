import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatListModule } from '@angular/material/list';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '@ngx-translate/core';
import { describeApiError } from '../core/http/describe-api-error';
import { Credential, upstreamModelListSchema } from './credential';
import { CredentialsApi } from './credentials-api';
import { readItems } from '../core/http/read-items';

/** The models the credential's upstream lists; picking one starts the model form with it. */
@Component({
  selector: 'app-upstream-models-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatListModule,
    MatProgressBarModule,
    TranslatePipe,
  ],
  template: `
    <h2 mat-dialog-title>
      {{ 'credentials.upstreamModelsTitle' | translate: { name: credential.name } }}
    </h2>
    <mat-dialog-content>
      <mat-form-field class="filter">
        <mat-label>{{ 'credentials.filterModels' | translate }}</mat-label>
        <input
          matInput
          #filterInput
          (input)="filter.set(filterInput.value)"
          data-testid="model-filter"
        />
        <mat-icon matSuffix aria-hidden="true">search</mat-icon>
      </mat-form-field>
      @if (models.isLoading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | translate" />
      } @else if (models.error()) {
        <p class="error-text" role="alert">
          {{ errorMessage().key | translate: errorMessage().params }}
        </p>
      } @else {
        <p class="muted" aria-live="polite">
          {{ 'credentials.modelCount' | translate: { count: visible().length } }}
        </p>
        <mat-action-list [attr.aria-label]="'credentials.upstreamModels' | translate">
          @for (model of visible(); track model.id) {
            <button mat-list-item [mat-dialog-close]="model.id">
              <mat-icon matListItemIcon aria-hidden="true">add_circle</mat-icon>
              <span matListItemTitle class="mono">{{ model.id }}</span>
              @if (model.display_name) {
                <span matListItemLine>{{ model.display_name }}</span>
              }
            </button>
          }
        </mat-action-list>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close>{{ 'common.close' | translate }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .filter {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UpstreamModelsDialog {
  private readonly api = inject(CredentialsApi);
  protected readonly credential = inject<Credential>(MAT_DIALOG_DATA);
  protected readonly filter = signal('');
  protected readonly models = httpResource(() => this.api.upstreamModelsUrl(this.credential.id), {
    parse: (body) => upstreamModelListSchema.parse(body).items,
    defaultValue: [],
  });
  protected readonly visible = computed(() => {
    const needle = this.filter().trim().toLowerCase();
    return readItems(this.models).filter((model) => model.id.toLowerCase().includes(needle));
  });
  protected readonly errorMessage = computed(() => describeApiError(this.models.error()));
}
