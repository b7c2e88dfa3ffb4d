// Which notices a person gets on which channel. A kind's defaults apply until the person saves the
// page; transactional kinds ignore any stored row, so they cannot be turned off.
import { PhoneTakenError } from "~/models/accounts/user.server";
import { prisma, type Tx } from "~/db.server";
import { CHOOSABLE_KINDS, kindInfo, type Channel, type NoticeKind } from "~/models/messages/kinds";

type Db = Tx | typeof prisma;

export type ChannelChoice = Record<Channel, boolean>;

function resolve(kind: NoticeKind, stored: { email: boolean; sms: boolean } | null): ChannelChoice {
  const info = kindInfo(kind);
  const on = (channel: Channel, storedValue: boolean | undefined) => {
    const offered = info.channels[channel];
    if (offered === undefined) return false;
    if (info.locked) return true;
    return storedValue ?? offered;
  };
  return { EMAIL: on("EMAIL", stored?.email), SMS: on("SMS", stored?.sms) };
}

/** channelsFor with the person's stored row for the kind already read (prepareNotice joins it into its own read). */
export function channelsFromStored(kind: NoticeKind, stored: { email: boolean; sms: boolean } | null): ChannelChoice {
  return resolve(kind, stored);
}

/** The channels a notice of `kind` goes out on for this person (none for a channel the kind never uses). */
export async function channelsFor(db: Db, userId: string, kind: NoticeKind): Promise<ChannelChoice> {
  const info = kindInfo(kind);
  if (info.locked) return resolve(kind, null);
  const stored = await db.notificationPreference.findUnique({ where: { userId_kind: { userId, kind } }, select: { email: true, sms: true } });
  return resolve(kind, stored);
}

/** Every choosable kind with what is in force for this person, for the settings page. */
export async function preferencesOf(userId: string) {
  const [stored, user] = await Promise.all([
    prisma.notificationPreference.findMany({ where: { userId }, select: { kind: true, email: true, sms: true } }),
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, phone: true } }),
  ]);
  const byKind = new Map(stored.map((s) => [s.kind, s]));
  return {
    email: user.email,
    phone: user.phone,
    kinds: CHOOSABLE_KINDS.map((kind) => {
      const info = kindInfo(kind);
      return { kind, label: info.label, description: info.description, locked: Boolean(info.locked), offers: { EMAIL: "EMAIL" in info.channels, SMS: "SMS" in info.channels }, on: resolve(kind, byKind.get(kind) ?? null) };
    }),
  };
}

/** Saves the page: one row per choosable, non-locked kind, and the mobile number SMS notices go to. */
export async function savePreferences(userId: string, input: { phone: string | null; choices: Partial<Record<NoticeKind, Partial<ChannelChoice>>> }) {
  // the number is also a log-in: one account per number (the route shows this beside the field)
  if (input.phone) {
    const holder = await prisma.user.findUnique({ where: { phone: input.phone }, select: { id: true } });
    if (holder && holder.id !== userId) throw new PhoneTakenError();
  }
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { phone: input.phone }, select: { id: true } });
    for (const kind of CHOOSABLE_KINDS) {
      if (kindInfo(kind).locked) continue;
      const choice = input.choices[kind] ?? {};
      const data = { email: Boolean(choice.EMAIL), sms: Boolean(choice.SMS) };
      await tx.notificationPreference.upsert({ where: { userId_kind: { userId, kind } }, create: { userId, kind, ...data }, update: data, select: { kind: true } });
    }
  });
}
