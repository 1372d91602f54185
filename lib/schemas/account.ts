import { z } from "zod";
import { roleSchema } from "./roles";

/** Passwords: long enough to resist guessing; no composition rules (NIST SP 800-63B). */
export const passwordSchema = z
  .string()
  .min(12, "must be at least 12 characters")
  .max(128, "must be at most 128 characters");

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .pipe(z.email("must be an email address"));

export const nameSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(100, "must be at most 100 characters");

export const firstAdminSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type FirstAdminInput = z.infer<typeof firstAdminSchema>;

export const createUserSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  role: roleSchema,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const changeRoleSchema = z.object({
  userId: z.string().min(1, "is required"),
  role: roleSchema,
});
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;
