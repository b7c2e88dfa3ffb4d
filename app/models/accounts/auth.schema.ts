import { z } from "zod";
import { optionalMobileField } from "~/lib/form-fields";

// Shared by react-hook-form in the browser and by the action on the server.
export const loginSchema = z.object({
  email: z.string().trim().min(1, "请输入邮箱").email("邮箱格式不正确"),
  password: z.string().min(1, "请输入密码"),
  redirectTo: z.string().optional(),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const signupSchema = z
  .object({
    name: z.string().trim().min(1, "请输入姓名或昵称").max(40, "姓名最多 40 个字"),
    email: z.string().trim().min(1, "请输入邮箱").email("邮箱格式不正确").max(120, "邮箱过长"),
    phone: optionalMobileField().optional(),
    password: z.string().min(8, "密码至少 8 位").max(72, "密码最多 72 位"),
    confirmPassword: z.string().min(1, "请再次输入密码"),
    redirectTo: z.string().optional(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "两次输入的密码不一致" });
export type SignupInput = z.infer<typeof signupSchema>;
