import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { SessionStore } from '../app/core/auth/session-store';
import { User } from '../app/core/auth/user';

export const testUser: User = {
  id: 'u1',
  username: 'ada',
  email: 'ada@example.com',
  is_active: true,
  is_superuser: false,
  created_at: '2026-01-02T03:04:05Z',
  updated_at: '2026-01-02T03:04:05Z',
};

/** Signs the SessionStore in through the real login call, answered by HttpTestingController. */
export function signInForTest(user: Partial<User> = {}): User {
  const signedIn = { ...testUser, ...user };
  TestBed.inject(SessionStore).login(signedIn.username, 'secret-password').subscribe();
  TestBed.inject(HttpTestingController)
    .expectOne('/api/auth/login')
    .flush({ access_token: 'access-1', token_type: 'bearer', expires_in: 900, user: signedIn });
  return signedIn;
}
