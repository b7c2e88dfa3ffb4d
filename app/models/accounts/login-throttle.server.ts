import { prisma } from "~/db.server";

// Failed log-ins allowed per window, per account and per client address; beyond that we refuse
// even a correct password until the window has passed, which makes guessing slow.
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_CLIENT = 30;

function keys(email: string, clientAddress: string | null) {
  return { emailKey: `email:${email.trim().toLowerCase()}`, clientKey: clientAddress ? `ip:${clientAddress}` : null };
}

export async function isLoginBlocked(email: string, clientAddress: string | null, now = new Date()) {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const { emailKey, clientKey } = keys(email, clientAddress);
  const [byEmail, byClient] = await Promise.all([
    prisma.loginAttempt.count({ where: { key: emailKey, success: false, createdAt: { gte: since } } }),
    clientKey
      ? prisma.loginAttempt.count({ where: { key: clientKey, success: false, createdAt: { gte: since } } })
      : Promise.resolve(0),
  ]);
  return byEmail >= MAX_FAILURES_PER_EMAIL || byClient >= MAX_FAILURES_PER_CLIENT;
}

export async function recordLoginAttempt(email: string, clientAddress: string | null, success: boolean) {
  const { emailKey, clientKey } = keys(email, clientAddress);
  if (success) {
    // A successful log-in clears the account's failures (not the client's).
    await prisma.loginAttempt.deleteMany({ where: { key: emailKey } });
    return;
  }
  await prisma.loginAttempt.createMany({
    data: [{ key: emailKey, success }, ...(clientKey ? [{ key: clientKey, success }] : [])],
  });
}

export function clientAddress(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for");
  return forwarded ? forwarded.split(",")[0].trim() : null;
}
