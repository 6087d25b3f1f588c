import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { ScrollRegion } from '../shared/scroll-region';
import { TranslatePipe } from '@ngx-translate/core';
import { filter, switchMap } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url';
import { SessionStore } from '../core/auth/session-store';
import { User, userSchema } from '../core/auth/user';
import { Notifier } from '../core/errors/notifier';
import { describeApiError } from '../core/http/describe-api-error';
import { LIST_LIMIT, createListSchema } from '../core/http/list-response';
import { LocalDatePipe } from '../core/i18n/local-date.pipe';
import { confirmAction } from '../shared/confirm-dialog';
import { UsersApi } from './users-api';
import { readItems } from '../core/http/read-items';

const userListSchema = createListSchema(userSchema);

/** Administrators: every user, (de)activate, grant/revoke admin, delete. */
@Component({
  selector: 'app-users-page',
  imports: [
    LocalDatePipe,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    MatTableModule,
    ScrollRegion,
    TranslatePipe,
  ],
  templateUrl: './users-page.html',
  styleUrl: './users-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class UsersPage {
  private readonly api = inject(UsersApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly apiBaseUrl = inject(API_BASE_URL);
  protected readonly me = inject(SessionStore).user;

  protected readonly users = httpResource(() => `${this.apiBaseUrl}/users?limit=${LIST_LIMIT}`, {
    parse: (body) => userListSchema.parse(body).items,
    defaultValue: [],
  });
  protected readonly items = computed(() => readItems(this.users));
  protected readonly loadError = computed(() =>
    this.users.error() ? describeApiError(this.users.error()) : null,
  );
  protected readonly columns = ['username', 'email', 'role', 'status', 'created', 'actions'];

  protected isMe(user: User): boolean {
    return user.id === this.me()?.id;
  }

  protected setActive(user: User, isActive: boolean): void {
    const change = () =>
      this.save(user, { is_active: isActive }, isActive ? 'users.activated' : 'users.deactivated');
    if (isActive) {
      change();
      return;
    }
    confirmAction(this.dialog, {
      title: 'users.deactivateTitle',
      message: 'users.deactivateMessage',
      params: { name: user.username },
      confirmLabel: 'users.deactivate',
    })
      .pipe(filter(Boolean))
      .subscribe(change);
  }

  protected setAdmin(user: User, isSuperuser: boolean): void {
    this.save(
      user,
      { is_superuser: isSuperuser },
      isSuperuser ? 'users.granted' : 'users.revokedAdmin',
    );
  }

  protected remove(user: User): void {
    confirmAction(this.dialog, {
      title: 'users.deleteTitle',
      message: 'users.deleteMessage',
      params: { name: user.username },
      confirmLabel: 'common.delete',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.delete(user.id)),
      )
      .subscribe({
        next: () => {
          this.users.update((items) => items.filter((item) => item.id !== user.id));
          this.notifier.success('users.deleted', { name: user.username });
        },
        error: (error: unknown) => this.notifier.failure(error),
      });
  }

  private save(
    user: User,
    changes: { is_active?: boolean; is_superuser?: boolean },
    message: string,
  ): void {
    this.api.update(user.id, changes).subscribe({
      next: (saved) => {
        this.users.update((items) => items.map((item) => (item.id === saved.id ? saved : item)));
        this.notifier.success(message, { name: saved.username });
      },
      error: (error: unknown) => this.notifier.failure(error),
    });
  }
}
