import * as z from 'zod/mini';
import { nullish } from '../http/list-response';

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string(),
  is_active: z.boolean(),
  is_superuser: z.boolean(),
  created_at: z.string(),
  updated_at: nullish(z.string()),
});

export type User = z.infer<typeof userSchema>;

export const userEnvelopeSchema = z.object({ user: userSchema });

export const tokenAnswerSchema = z.object({
  access_token: z.string(),
  expires_in: z.optional(z.number()),
  user: z.optional(userSchema),
});
