import { z } from 'zod';
import { RowIdSchema, withoutNul } from '@/lib/schemas/storable';

/** Header a page's fetch() sends the session's CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';
/** Hidden field a form posts the session's CSRF token in. */
export const CSRF_FIELD = 'csrf';

export const MemberRoleSchema = z.enum(['admin', 'agent']);
export type MemberRole = z.infer<typeof MemberRoleSchema>;

const email = z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address').max(254));
export const NewPasswordSchema = z
  .string()
  .min(10, 'Use at least 10 characters')
  .max(200, 'Use at most 200 characters');

export const ChangePasswordSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password').max(1000),
  newPassword: NewPasswordSchema,
});
export type ChangePassword = z.infer<typeof ChangePasswordSchema>;

export const ResetPasswordSchema = z.object({ email });

export const SignInSchema = z.object({
  email,
  password: z.string().min(1, 'Enter your password').max(1000),
});
export type SignIn = z.infer<typeof SignInSchema>;

export const CreateInviteSchema = z.object({ email, role: MemberRoleSchema.default('agent') });
export type CreateInvite = z.infer<typeof CreateInviteSchema>;

export const AcceptInviteSchema = z.object({
  token: z.string().min(10).max(200),
  /** Only for a new account; an existing one keeps its name. */
  name: withoutNul(z.string().trim().min(1, 'Enter your name').max(80)).optional(),
  password: z.string().min(1, 'Enter a password').max(200),
});
export type AcceptInvite = z.infer<typeof AcceptInviteSchema>;

export const RevokeInviteSchema = z.object({ inviteId: RowIdSchema });

export const ChangeMemberRoleSchema = z.object({
  userId: RowIdSchema,
  role: MemberRoleSchema,
});
export type ChangeMemberRole = z.infer<typeof ChangeMemberRoleSchema>;

export const RemoveMemberSchema = z.object({ userId: RowIdSchema });
export type RemoveMember = z.infer<typeof RemoveMemberSchema>;
