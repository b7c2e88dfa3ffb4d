import { prisma } from "~/db.server";
import { loginKey } from "~/models/accounts/user.server";

// Throttles that slow guessing without letting anyone lock a real user out. Failures are kept in
// LoginAttempt under a key naming what they count against; nothing is ever counted globally.
//   - per client address, over every account: spraying many accounts from one client is cut off;
//   - per account *at one client*: after a few misses that client waits, doubling each time. The
//     owner at any other client is not affected by what happened at this one, so the right password
//     from a new client still works.
// The client address is the one the production server saw (proxy headers only with TRUST_PROXY).

export interface ThrottlePolicy {
  /** How far back failures count. */
  windowMs: number;
  /** Failures allowed before the first wait. */
  free: number;
  /** The first wait; each further failure doubles it, up to maxWaitMs. */
  baseWaitMs: number;
  maxWaitMs: number;
}

/** One account at one client. */
export const ACCOUNT_POLICY: ThrottlePolicy = { windowMs: 60 * 60 * 1000, free: 5, baseWaitMs: 30_000, maxWaitMs: 15 * 60 * 1000 };
/** One client over all accounts (an office behind one address shares it: generous). */
export const CLIENT_POLICY: ThrottlePolicy = { windowMs: 15 * 60 * 1000, free: 50, baseWaitMs: 60_000, maxWaitMs: 15 * 60 * 1000 };

/** Milliseconds the key must wait before its next attempt (0: go ahead). */
export async function waitFor(key: string, policy: ThrottlePolicy, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - policy.windowMs);
  const [failures, last] = await Promise.all([
    prisma.loginAttempt.count({ where: { key, success: false, createdAt: { gte: since } } }),
    prisma.loginAttempt.findFirst({ where: { key, success: false, createdAt: { gte: since } }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
  ]);
  if (failures < policy.free || !last) return 0;
  const wait = Math.min(policy.maxWaitMs, policy.baseWaitMs * 2 ** (failures - policy.free));
  return Math.max(0, last.createdAt.getTime() + wait - now.getTime());
}

export async function recordFailures(keys: string[], now = new Date()) {
  await prisma.loginAttempt.createMany({ data: keys.map((key) => ({ key, success: false, createdAt: now })) });
}

export async function clearFailures(key: string) {
  await prisma.loginAttempt.deleteMany({ where: { key } });
}

function loginKeys(login: string, client: string | null) {
  // Without an address (remix dev, scripts) every such client shares one; the server always has one.
  const at = client ?? "unknown";
  // an e-mail or a mobile number, in its stored form: `+86 138…` and `138…` share one count
  return { account: `login:${loginKey(login)}|${at}`, client: `ip:${at}` };
}

/** How long this client must wait before trying this account again (0: go ahead). */
export async function loginWait(email: string, client: string | null, now = new Date()) {
  const keys = loginKeys(email, client);
  const [account, byClient] = await Promise.all([waitFor(keys.account, ACCOUNT_POLICY, now), waitFor(keys.client, CLIENT_POLICY, now)]);
  return Math.max(account, byClient);
}

export async function recordLoginAttempt(email: string, client: string | null, success: boolean, now = new Date()) {
  const keys = loginKeys(email, client);
  // Success clears this client's misses on the account, not the client's misses on other accounts.
  if (success) {
    await clearFailures(keys.account);
    await pruneAttempts(now);
  } else await recordFailures([keys.account, keys.client], now);
}

/** "15 分钟" / "40 秒": a wait as the page says it. */
export function waitText(ms: number) {
  return ms >= 60_000 ? `${Math.ceil(ms / 60_000)} 分钟` : `${Math.max(1, Math.ceil(ms / 1000))} 秒`;
}

/** Old attempts count for nothing; dropped so the table stays small. */
export async function pruneAttempts(now = new Date()) {
  await prisma.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } });
}

// 忘记密码 is throttled the same way: each request counts, for the account at this client and for
// the client over all accounts, whether or not the account exists (so the wait says nothing either).
// Tighter than log-in: every request may send an e-mail.
export const RESET_ACCOUNT_POLICY: ThrottlePolicy = { windowMs: 60 * 60 * 1000, free: 3, baseWaitMs: 60_000, maxWaitMs: 60 * 60 * 1000 };
export const RESET_CLIENT_POLICY: ThrottlePolicy = { windowMs: 15 * 60 * 1000, free: 20, baseWaitMs: 60_000, maxWaitMs: 60 * 60 * 1000 };

function resetKeys(email: string, client: string | null) {
  const at = client ?? "unknown";
  return { account: `reset:${loginKey(email)}|${at}`, client: `reset-ip:${at}` };
}

/** How long this client must wait before asking for another reset link for this address (0: go ahead). */
export async function resetWait(email: string, client: string | null, now = new Date()) {
  const keys = resetKeys(email, client);
  const [account, byClient] = await Promise.all([waitFor(keys.account, RESET_ACCOUNT_POLICY, now), waitFor(keys.client, RESET_CLIENT_POLICY, now)]);
  return Math.max(account, byClient);
}

export async function recordResetRequest(email: string, client: string | null, now = new Date()) {
  const keys = resetKeys(email, client);
  await recordFailures([keys.account, keys.client], now);
}
