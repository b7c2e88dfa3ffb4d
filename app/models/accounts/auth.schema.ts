import * as z from "zod";
import { checkboxField, optionalMobileField } from "~/lib/form-fields";
import { isMobile } from "~/lib/phone";

// Shared by react-hook-form in the browser and by the action on the server.

const emailField = z.string().trim().min(1, "请输入邮箱").email("邮箱格式不正确").max(120, "邮箱过长");
const newPassword = z.string().min(8, "密码至少 8 位").max(72, "密码最多 72 位");
const nameField = z.string().trim().min(1, "请输入姓名或昵称").max(40, "姓名最多 40 个字");

/** The log-in names an account by its e-mail or its mobile number (the field keeps the name `email`). */
export const loginSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "请输入邮箱或手机号")
    .max(120, "邮箱过长")
    .refine((v) => isMobile(v) || z.string().email().safeParse(v).success, "请输入邮箱或 11 位手机号"),
  password: z.string().min(1, "请输入密码"),
  redirectTo: z.string().optional(),
});
export type LoginInput = z.infer<typeof loginSchema>;

/** The one answer for a wrong e-mail, a wrong mobile number or a wrong password. */
export const LOGIN_REFUSED = "账号或密码错误";

export const signupSchema = z
  .object({
    name: nameField,
    email: emailField,
    phone: optionalMobileField().optional(),
    password: newPassword,
    confirmPassword: z.string().min(1, "请再次输入密码"),
    agreeTerms: checkboxField.refine((v) => v, "请阅读并同意《用户协议》和《隐私政策》"),
    redirectTo: z.string().optional(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "两次输入的密码不一致" });
export type SignupInput = z.input<typeof signupSchema>;

/** What /forgot-password says after any request, whether or not the address has an account. */
export const RESET_SENT = "如果该邮箱已注册，重置密码的链接已发送到该邮箱，30 分钟内有效。请查收（也看看垃圾邮件）。";

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z
  .object({ password: newPassword, confirmPassword: z.string().min(1, "请再次输入密码") })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "两次输入的密码不一致" });

/** /account: the name and the mobile number (normalised; blank for none). */
export const profileSchema = z.object({ intent: z.literal("profile"), name: nameField, phone: optionalMobileField() });

export const changePasswordSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: z.string().min(1, "请输入当前密码"),
    newPassword,
    confirmPassword: z.string().min(1, "请再次输入新密码"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "两次输入的密码不一致" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "新密码不能与当前密码相同" });
