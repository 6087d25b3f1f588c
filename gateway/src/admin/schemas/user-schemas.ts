/**
 * @module user-schemas
 * Auth and user bodies and answers.
 */
import { z } from 'zod';
import { idSchema, timestampSchema } from './common-schemas';

const passwordSchema = z
  .string()
  .min(8, 'Must be at least 8 characters.')
  .max(1024, 'Must be at most 1024 characters.');

export const registerBodySchema = z.strictObject({
  username: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/, 'Only letters, digits, "_", "." and "-".'),
  email: z
    .email()
    .max(254)
    .transform((email) => email.toLowerCase()),
  password: passwordSchema,
});

export const loginBodySchema = z.strictObject({
  username: z.string().trim().min(1).max(254).describe('username or email'),
  password: z.string().min(1).max(1024),
});

export const refreshBodySchema = z.strictObject({
  refresh_token: z
    .string()
    .min(1)
    .max(512)
    .optional()
    .describe('optional when the httpOnly refresh cookie is sent'),
});

export const userSchema = z.object({
  id: idSchema,
  username: z.string(),
  email: z.string(),
  is_active: z.boolean(),
  is_superuser: z.boolean(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});

export const userEnvelopeSchema = z.object({ user: userSchema });

export const tokenAnswerSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  expires_in: z.number().int().describe('seconds'),
  refresh_token: z.string(),
  refresh_expires_at: timestampSchema,
  user: userSchema,
});

export const updateUserBodySchema = z.strictObject({
  is_active: z.boolean().optional(),
  is_superuser: z.boolean().optional(),
});

export const changePasswordBodySchema = z.strictObject({
  current_password: z.string().min(1).max(1024),
  new_password: passwordSchema,
});

export type UserWire = z.infer<typeof userSchema>;
