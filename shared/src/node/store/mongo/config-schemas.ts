/**
 * @module config-schemas
 * Mongoose schemas of the config store, with the indexes its queries need. Ids are our own
 * time-ordered strings (`_id: String`), so lists page by `_id` exactly as in SQLite.
 */
import { Schema, type Connection, type Model } from 'mongoose';

export interface UserDocument {
  _id: string;
  username: string;
  email: string;
  passwordHash: string;
  isActive: boolean;
  isSuperuser: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface RefreshTokenDocument {
  _id: string;
  userId: string;
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
  revokedAt: Date | null;
  createdAt: Date;
}

export interface CredentialDocument {
  _id: string;
  userId: string;
  name: string;
  provider: 'openai' | 'anthropic';
  apiUrl: string;
  apiKeyEncrypted: string;
  apiKeyMasked: string;
  isActive: boolean;
  isValidated: boolean;
  validationError: string | null;
  validatedAt: Date | null;
  validationModel: string | null;
  injectSystemPrompt: boolean;
  cliVersion: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ModelConfigDocument {
  _id: string;
  userId: string;
  credentialId: string;
  modelName: string;
  alias: string;
  targetFormat: 'openai' | 'anthropic';
  isEnabled: boolean;
  rateLimit: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ApiKeyDocument {
  _id: string;
  userId: string;
  name: string;
  keyHash: string;
  prefix: string;
  modelConfigIds: string[];
  rateLimit: number | null;
  expiresAt: Date | null;
  isActive: boolean;
  strict: boolean;
  lastUsedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Which refresh token was spent: one insert per token id decides the one rotation that wins. */
export interface RefreshTokenClaimDocument {
  _id: string;
  expiresAt: Date;
}

/** Singleton markers, e.g. which user claimed the first-superuser slot. */
export interface ConfigMetaDocument {
  _id: string;
  userId: string;
}

const options = { versionKey: false, timestamps: false } as const;
const formats = ['openai', 'anthropic'];

const userSchema = new Schema<UserDocument>(
  {
    _id: { type: String, required: true },
    username: { type: String, required: true },
    email: { type: String, required: true },
    passwordHash: { type: String, required: true },
    isActive: { type: Boolean, required: true },
    isSuperuser: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  options,
);
userSchema.index({ username: 1 }, { unique: true });
userSchema.index({ email: 1 }, { unique: true });

const refreshTokenSchema = new Schema<RefreshTokenDocument>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    familyId: { type: String, required: true },
    tokenHash: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  options,
);
refreshTokenSchema.index({ tokenHash: 1 }, { unique: true });
refreshTokenSchema.index({ familyId: 1 });
refreshTokenSchema.index({ userId: 1 });
refreshTokenSchema.index({ expiresAt: 1 });

const credentialSchema = new Schema<CredentialDocument>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    name: { type: String, required: true },
    provider: { type: String, required: true, enum: formats },
    apiUrl: { type: String, required: true },
    apiKeyEncrypted: { type: String, required: true },
    apiKeyMasked: { type: String, required: true },
    isActive: { type: Boolean, required: true },
    isValidated: { type: Boolean, required: true },
    validationError: { type: String, default: null },
    validatedAt: { type: Date, default: null },
    validationModel: { type: String, default: null },
    injectSystemPrompt: { type: Boolean, required: true },
    cliVersion: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  options,
);
credentialSchema.index({ userId: 1, name: 1 }, { unique: true });

const modelConfigSchema = new Schema<ModelConfigDocument>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    credentialId: { type: String, required: true },
    modelName: { type: String, required: true },
    alias: { type: String, required: true },
    targetFormat: { type: String, required: true, enum: formats },
    isEnabled: { type: Boolean, required: true },
    rateLimit: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  options,
);
modelConfigSchema.index({ credentialId: 1, modelName: 1, targetFormat: 1 }, { unique: true });
modelConfigSchema.index({ userId: 1, isEnabled: 1 });

const apiKeySchema = new Schema<ApiKeyDocument>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    name: { type: String, required: true },
    keyHash: { type: String, required: true },
    prefix: { type: String, required: true },
    modelConfigIds: { type: [String], default: [] },
    rateLimit: { type: Number, default: null },
    expiresAt: { type: Date, default: null },
    isActive: { type: Boolean, required: true },
    strict: { type: Boolean, required: true },
    lastUsedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  options,
);
apiKeySchema.index({ keyHash: 1 }, { unique: true });
apiKeySchema.index({ userId: 1 });
apiKeySchema.index({ modelConfigIds: 1 });

const refreshTokenClaimSchema = new Schema<RefreshTokenClaimDocument>(
  { _id: { type: String, required: true }, expiresAt: { type: Date, required: true } },
  options,
);
refreshTokenClaimSchema.index({ expiresAt: 1 });

const configMetaSchema = new Schema<ConfigMetaDocument>(
  { _id: { type: String, required: true }, userId: { type: String, required: true } },
  options,
);

export interface ConfigModels {
  readonly users: Model<UserDocument>;
  readonly refreshTokens: Model<RefreshTokenDocument>;
  readonly refreshTokenClaims: Model<RefreshTokenClaimDocument>;
  readonly credentials: Model<CredentialDocument>;
  readonly modelConfigs: Model<ModelConfigDocument>;
  readonly apiKeys: Model<ApiKeyDocument>;
  readonly meta: Model<ConfigMetaDocument>;
}

function defineModel<T>(
  connection: Connection,
  name: string,
  schema: Schema<T>,
  collection: string,
): Model<T> {
  return (
    (connection.models[name] as Model<T> | undefined) ??
    connection.model<T>(name, schema, collection)
  );
}

/** Registers the models on the connection and builds their indexes (autoIndex is off). */
export async function createConfigModels(connection: Connection): Promise<ConfigModels> {
  const models: ConfigModels = {
    users: defineModel(connection, 'ConfigUser', userSchema, 'users'),
    refreshTokens: defineModel(
      connection,
      'ConfigRefreshToken',
      refreshTokenSchema,
      'refresh_tokens',
    ),
    refreshTokenClaims: defineModel(
      connection,
      'ConfigRefreshTokenClaim',
      refreshTokenClaimSchema,
      'refresh_token_claims',
    ),
    credentials: defineModel(connection, 'ConfigCredential', credentialSchema, 'credentials'),
    modelConfigs: defineModel(connection, 'ConfigModelConfig', modelConfigSchema, 'model_configs'),
    apiKeys: defineModel(connection, 'ConfigApiKey', apiKeySchema, 'api_keys'),
    meta: defineModel(connection, 'ConfigMeta', configMetaSchema, 'config_meta'),
  };
  await Promise.all(Object.values(models).map((model: Model<unknown>) => model.createIndexes()));
  return models;
}
