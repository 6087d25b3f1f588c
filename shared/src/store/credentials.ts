/**
 * @module store/credentials
 * Upstream credentials. The API key arrives here already encrypted (`apiKeyEncrypted`) and
 * masked; the store never sees it in plain text.
 */
import type { Credential, Provider, Scope } from '../domain/entities';
import type { Page, PageRequest } from './paging';

export interface NewCredential {
  readonly userId: string;
  readonly name: string;
  readonly provider: Provider;
  readonly apiUrl: string;
  readonly apiKeyEncrypted: string;
  readonly apiKeyMasked: string;
  readonly isActive?: boolean;
  readonly validationModel: string | null;
  readonly injectSystemPrompt: boolean;
  readonly cliVersion: string | null;
}

export interface CredentialPatch {
  readonly name?: string;
  readonly apiUrl?: string;
  readonly apiKeyEncrypted?: string;
  readonly apiKeyMasked?: string;
  readonly isActive?: boolean;
  readonly isValidated?: boolean;
  readonly validationError?: string | null;
  readonly validatedAt?: Date | null;
  readonly validationModel?: string | null;
  readonly injectSystemPrompt?: boolean;
  readonly cliVersion?: string | null;
}

export interface CredentialRepository {
  /** 409 when the user already has a credential of that name. */
  create(credential: NewCredential): Promise<Credential>;
  /** Undefined when it does not exist or is outside the scope. */
  findById(scope: Scope, id: string): Promise<Credential | undefined>;
  list(scope: Scope, page: PageRequest): Promise<Page<Credential>>;
  /** Undefined when not found in scope; 409 on a duplicate name. */
  update(scope: Scope, id: string, patch: CredentialPatch): Promise<Credential | undefined>;
  /**
   * Deletes the credential, its model configs, and every key that was limited to those configs
   * only (a key limited to other configs too just loses these ids). False when not found.
   */
  delete(scope: Scope, id: string): Promise<boolean>;
}
