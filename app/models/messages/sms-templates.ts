// The SMS templates the store uses. In China every SMS is a template approved beforehand by the
// provider (Aliyun, Tencent Cloud): the store sends a template code and its parameters, never free
// text. `text` is the wording submitted for approval; the codes the provider assigned come from
// SMS_TEMPLATES (key=code pairs). The rendered text is stored with each message so staff and
// /dev/messages see what went out.

export const SMS_TEMPLATES = {
  shipped: {
    name: "发货通知",
    text: "您的订单${order}已由${courier}发出，运单号${tracking}，请注意查收。",
    params: ["order", "courier", "tracking"],
  },
  gift_code: {
    name: "礼品兑换码",
    text: "${org}送您${gift}，兑换码${code}，请在${until}前到陇货通“礼品兑换”页填写收货地址。",
    params: ["org", "gift", "code", "until"],
    secret: ["code"],
  },
  // Pre-sale openings and origin-tour notices ("鹭岛万人游临夏") share one general template.
  notice: {
    name: "活动通知",
    text: "${title}：${detail}。详情请登录陇货通查看。",
    params: ["title", "detail"],
  },
  login_code: {
    name: "验证码",
    text: "您的验证码为${code}，${minutes}分钟内有效，请勿告诉他人。",
    params: ["code", "minutes"],
    secret: ["code"],
  },
} as const satisfies Record<string, { name: string; text: string; params: readonly string[]; secret?: readonly string[] }>;

export type SmsTemplateKey = keyof typeof SMS_TEMPLATES;
export type SmsParams<K extends SmsTemplateKey> = Record<(typeof SMS_TEMPLATES)[K]["params"][number], string>;

/**
 * Aliyun accepts at most 35 characters per template variable (Tencent Cloud's limits are of the
 * same order); a longer value is refused there, so it is shortened here instead.
 */
export const SMS_PARAM_MAX_CHARS = 35;

export function isSmsTemplateKey(value: string): value is SmsTemplateKey {
  return Object.hasOwn(SMS_TEMPLATES, value);
}

/** Shortens a value to the provider's limit, counting characters (not UTF-16 units), ending in "…". */
export function fitParam(value: string, max = SMS_PARAM_MAX_CHARS) {
  const chars = [...value.replace(/\s+/g, " ").trim()];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}

/** The parameters as they will be sent (each shortened) and the text the recipient will read. */
export function renderSms<K extends SmsTemplateKey>(template: K, params: SmsParams<K>) {
  const spec = SMS_TEMPLATES[template];
  const fitted: Record<string, string> = {};
  for (const name of spec.params) fitted[name] = fitParam(String((params as Record<string, string>)[name] ?? ""));
  const text = spec.text.replace(/\$\{(\w+)\}/g, (_, name: string) => fitted[name] ?? "");
  return { params: fitted, text };
}

/**
 * A sent message's parameters and text with its secrets (a gift or login code) reduced to their
 * last characters: once delivered, the outbox need not hold a usable code (only hashes are kept
 * elsewhere). Returns null when the template has no secrets.
 */
export function redactSecrets(template: SmsTemplateKey, params: Record<string, string>, text: string) {
  const spec = SMS_TEMPLATES[template] as { secret?: readonly string[] };
  const secret = spec.secret ?? [];
  if (secret.length === 0) return null;
  const redacted = { ...params };
  let shown = text;
  for (const name of secret) {
    const value = params[name];
    if (!value) continue;
    redacted[name] = `••••${value.slice(-4)}`;
    shown = shown.split(value).join(redacted[name]);
  }
  return { params: redacted, text: shown };
}

/** Parses SMS_TEMPLATES ("shipped=SMS_1,gift_code=SMS_2") into template codes by key. */
export function templateCodes(setting: string | undefined): Partial<Record<SmsTemplateKey, string>> {
  const codes: Partial<Record<SmsTemplateKey, string>> = {};
  for (const pair of (setting ?? "").split(",")) {
    const [key, code] = pair.split("=").map((s) => s.trim());
    if (key && code && isSmsTemplateKey(key)) codes[key] = code;
  }
  return codes;
}
