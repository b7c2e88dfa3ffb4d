import * as z from "zod";
import { optionalMobileField } from "~/lib/form-fields";
import { CHOOSABLE_KINDS, NOTICE_KINDS, type Channel, type NoticeKind } from "~/models/messages/kinds";

// The /account/notifications form: one checkbox per kind and channel a person may choose (named
// `<kind>_<CHANNEL>`), and the mobile number SMS notices go to. Shared by react-hook-form in the
// browser and parseForm in the action. A checkbox posts "on" without JavaScript, true with it.

/** The checkbox field of a kind on a channel. */
export const choiceField = (kind: NoticeKind, channel: Channel) => `${kind}_${channel}`;

export const CHOICE_FIELDS = CHOOSABLE_KINDS.filter((k) => !("locked" in NOTICE_KINDS[k] && NOTICE_KINDS[k].locked)).flatMap((kind) =>
  (Object.keys(NOTICE_KINDS[kind].channels) as Channel[]).map((channel) => ({ kind, channel, name: choiceField(kind, channel) })),
);

const checkbox = z
  .union([z.boolean(), z.enum(["on", "true", ""])])
  .optional()
  .transform((v) => v === "on" || v === true || v === "true");

export const notificationsSchema = z
  .object({
    phone: optionalMobileField("请输入 11 位手机号码，或留空"),
    ...Object.fromEntries(CHOICE_FIELDS.map((f) => [f.name, checkbox])),
  })
  // Shipping SMS go to the number on the parcel; notices that are not about a parcel need the person's own.
  .superRefine((v, ctx) => {
    const values = v as Record<string, unknown>;
    if (!v.phone && CHOICE_FIELDS.some((f) => f.channel === "SMS" && f.kind !== "shipping" && values[f.name] === true)) {
      ctx.addIssue({ code: "custom", path: ["phone"], message: "要接收短信通知，请填写手机号码" });
    }
  });

export type NotificationsInput = { phone: string } & Record<string, boolean | string>;

/** The choices of a parsed form, by kind and channel. */
export function choicesOf(data: Record<string, unknown>) {
  const choices: Partial<Record<NoticeKind, Partial<Record<Channel, boolean>>>> = {};
  for (const f of CHOICE_FIELDS) (choices[f.kind] ??= {})[f.channel] = data[f.name] === true;
  return choices;
}
