/**
 * @module store/model-configs
 * Model configs: one upstream model of one credential, offered to clients under an alias in a
 * target format.
 */
import type { ModelConfig, Scope, TargetFormat } from '../domain/entities';
import type { Page, PageRequest } from './paging';

export interface NewModelConfig {
  readonly userId: string;
  readonly credentialId: string;
  readonly modelName: string;
  readonly alias: string;
  readonly targetFormat: TargetFormat;
  readonly isEnabled: boolean;
  readonly rateLimit: number;
}

export interface ModelConfigPatch {
  readonly alias?: string;
  readonly isEnabled?: boolean;
  readonly rateLimit?: number;
  readonly targetFormat?: TargetFormat;
}

export interface ModelConfigFilter {
  readonly credentialId?: string;
}

export interface ModelConfigRepository {
  /** 409 on a duplicate (credential, model name, target format). */
  create(modelConfig: NewModelConfig): Promise<ModelConfig>;
  findById(scope: Scope, id: string): Promise<ModelConfig | undefined>;
  /** The configs among `ids` that the user owns (order not guaranteed). */
  findManyOfUser(userId: string, ids: readonly string[]): Promise<ModelConfig[]>;
  list(scope: Scope, page: PageRequest, filter?: ModelConfigFilter): Promise<Page<ModelConfig>>;
  /** 409 when the new target format collides with a sibling config. */
  update(scope: Scope, id: string, patch: ModelConfigPatch): Promise<ModelConfig | undefined>;
  /**
   * Deletes the config and every key that was limited to it alone; keys limited to other configs
   * too just lose this id. False when not found.
   */
  delete(scope: Scope, id: string): Promise<boolean>;
}
