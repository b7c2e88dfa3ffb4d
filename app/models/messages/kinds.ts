// The kinds of notice the store sends, in the words of the people who receive them. Each kind says
// which channels it may use, which of them are on until the person says otherwise, and whether the
// person may turn it off at all: transactional notices (account security, payment deadlines,
// refunds) always go out. Kinds without `choosable` go to people who have no say in the matter
// through this page (an invitation to an address, a gift code to an employee's mobile).

export type Channel = "EMAIL" | "SMS";
export const CHANNEL_LABELS: Record<Channel, string> = { EMAIL: "邮件", SMS: "短信" };

interface KindInfo {
  label: string;
  description: string;
  /** Channels this kind can use, and whether each is on by default. */
  channels: Partial<Record<Channel, boolean>>;
  /** Transactional: always sent on every channel it uses. */
  locked?: boolean;
  /** Shown on /account/notifications. */
  choosable: boolean;
}

export const NOTICE_KINDS = {
  security: { label: "账户安全", description: "密码重置、登录验证码", channels: { EMAIL: true, SMS: true }, locked: true, choosable: true },
  // SMS only where a notice passes one: pre-sale slips and failures, tour cancellations (money moves, a deadline is set).
  payment: { label: "付款与退款", description: "待付款与付款期限、付款退回、退款到账；预售改期、未成团和旅游退订也发短信", channels: { EMAIL: true, SMS: true }, locked: true, choosable: true },
  order: { label: "订单付款成功", description: "订单付款后的确认", channels: { EMAIL: true }, choosable: true },
  shipping: { label: "发货通知", description: "包裹发出时的快递公司和运单号", channels: { EMAIL: true, SMS: true }, choosable: true },
  supplier: { label: "入驻与认定", description: "供货入驻申请、扶贫产品认定的审核结果", channels: { EMAIL: true }, locked: true, choosable: true },
  afterSales: { label: "售后进度", description: "售后申请有了新进展：合作社同意或拒绝、请寄回商品、平台处理结果；合作社收到新申请和退货", channels: { EMAIL: true }, locked: true, choosable: true },
  approval: { label: "单位审批", description: "采购订单待您审批、被退回修改", channels: { EMAIL: true }, choosable: true },
  presale: { label: "预售与产地游", description: "预售开团、鹭岛万人游等活动通知", channels: { EMAIL: false, SMS: false }, choosable: true },
  invitation: { label: "单位邀请", description: "邀请加入单位采购", channels: { EMAIL: true }, locked: true, choosable: false },
  gift: { label: "礼品兑换码", description: "单位发给员工的兑换码", channels: { SMS: true }, locked: true, choosable: false },
  general: { label: "其他", description: "升级前写入的邮件", channels: { EMAIL: true }, locked: true, choosable: false },
} as const satisfies Record<string, KindInfo>;

export type NoticeKind = keyof typeof NOTICE_KINDS;

export function isNoticeKind(value: string): value is NoticeKind {
  return Object.hasOwn(NOTICE_KINDS, value);
}

export function kindInfo(kind: NoticeKind): KindInfo {
  return NOTICE_KINDS[kind];
}

export const CHOOSABLE_KINDS = (Object.keys(NOTICE_KINDS) as NoticeKind[]).filter((k) => NOTICE_KINDS[k].choosable);

export function usesChannel(kind: NoticeKind, channel: Channel) {
  return channel in kindInfo(kind).channels;
}

export const MESSAGE_STATUSES = ["PENDING", "SENDING", "SENT", "FAILED", "UNKNOWN"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const MESSAGE_STATUS_LABELS: Record<MessageStatus, string> = {
  PENDING: "待发送",
  SENDING: "发送中",
  SENT: "已发送",
  FAILED: "发送失败",
  UNKNOWN: "未确认",
};

/** The views of /admin/messages. */
export const MESSAGE_FILTERS = {
  failed: { label: "失败与未确认", statuses: ["FAILED", "UNKNOWN"] },
  pending: { label: "待发送", statuses: ["PENDING", "SENDING"] },
  sent: { label: "已发送", statuses: ["SENT"] },
  all: { label: "全部", statuses: ["PENDING", "SENDING", "SENT", "FAILED", "UNKNOWN"] },
} as const satisfies Record<string, { label: string; statuses: readonly MessageStatus[] }>;
export type MessageFilter = keyof typeof MESSAGE_FILTERS;

export function isMessageFilter(value: string | null): value is MessageFilter {
  return value !== null && Object.hasOwn(MESSAGE_FILTERS, value);
}
