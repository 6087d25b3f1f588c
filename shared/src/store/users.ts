/**
 * @module store/users
 * Users: the accounts of the admin API. Usernames are unique as given; emails are stored
 * lower-case and unique.
 */
import type { User } from '../domain/entities';
import type { Page, PageRequest } from './paging';

export interface NewUser {
  readonly username: string;
  /** Lower-cased by the caller. */
  readonly email: string;
  readonly passwordHash: string;
}

export interface UserPatch {
  readonly isActive?: boolean;
  readonly isSuperuser?: boolean;
  readonly passwordHash?: string;
}

export interface UserRepository {
  /**
   * Creates a user; the very first user of the store becomes superuser, decided atomically (two
   * concurrent first registrations yield exactly one superuser). 409 on a duplicate
   * username/email.
   */
  create(user: NewUser): Promise<User>;
  findById(id: string): Promise<User | undefined>;
  /** By exact username, or by email (case-insensitive). */
  findByLogin(usernameOrEmail: string): Promise<User | undefined>;
  list(page: PageRequest): Promise<Page<User>>;
  update(id: string, patch: UserPatch): Promise<User | undefined>;
  /** Deletes the user with every credential, model config, key and refresh token they own. */
  delete(id: string): Promise<boolean>;
}
