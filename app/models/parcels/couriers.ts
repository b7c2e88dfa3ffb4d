// The couriers a co-op can ship with, how their tracking numbers look, and where a buyer can follow
// a parcel. Shared by the browser (forms) and the server (forms, shipping imports, after-sales returns).
// The number formats are the ones printed on today's waybills; the tracking pages were chosen
// without network access here, so check them when a courier changes its site.

export interface Courier {
  name: string;
  /** Other ways people write it in a spreadsheet. */
  aliases: string[];
  pattern: RegExp;
  example: string;
  trackingUrl: (trackingNumber: string) => string;
}

export const COURIERS: Courier[] = [
  { name: "顺丰", aliases: ["顺丰速运", "顺丰快递", "SF", "SF EXPRESS"], pattern: /^(SF\d{12,13}|\d{12})$/, example: "SF1234567890123", trackingUrl: (n) => `https://www.sf-express.com/chn/sc/waybill/waybill-detail/${n}` },
  { name: "京东", aliases: ["京东物流", "京东快递", "JD"], pattern: /^JD[0-9A-Z]{11,15}$/, example: "JDVA01234567890", trackingUrl: (n) => `https://www.jdl.com/orderSearch/?waybillCodes=${n}` },
  { name: "中通", aliases: ["中通快递", "ZTO"], pattern: /^[2-7]\d{11,14}$/, example: "75123456789012", trackingUrl: (n) => `https://www.zto.com/express/expressCheck.html?txtBill=${n}` },
  { name: "圆通", aliases: ["圆通速递", "圆通快递", "YTO"], pattern: /^YT\d{13,15}$/, example: "YT1234567890123", trackingUrl: (n) => `https://www.yto.net.cn/express/query?waybillNo=${n}` },
  { name: "韵达", aliases: ["韵达快递", "韵达速递", "YUNDA"], pattern: /^\d{13}(\d{2})?$/, example: "4312345678901", trackingUrl: (n) => `https://www.yundaex.com/cn/index.php?waybill=${n}` },
  { name: "EMS", aliases: ["中国邮政 EMS", "邮政EMS", "邮政 EMS", "EMS特快"], pattern: /^(E[A-Z]\d{9}CN|1\d{12})$/, example: "1012345678901", trackingUrl: (n) => `https://www.ems.com.cn/queryList?mailNum=${n}` },
  { name: "邮政", aliases: ["中国邮政", "邮政快递包裹", "邮政包裹"], pattern: /^(9\d{12}|[CRL][A-Z]\d{9}CN)$/, example: "9812345678901", trackingUrl: (n) => `https://yjcx.chinapost.com.cn/qps/yjcx?mailNum=${n}` },
];

export const COURIER_NAMES = COURIERS.map((c) => c.name) as [string, ...string[]];

function key(text: string) {
  return text.trim().toUpperCase().replace(/\s+/g, " ");
}

/** The courier a person means (its name or an alias, any case), or undefined. */
export function findCourier(text: string): Courier | undefined {
  const k = key(text);
  return COURIERS.find((c) => key(c.name) === k || c.aliases.some((a) => key(a) === k));
}

/** A tracking number as couriers print it: upper case, no spaces or dashes. */
export function normaliseTrackingNumber(text: string) {
  return text.toUpperCase().replace(/[\s-]/g, "");
}

/** null when the number fits the courier; otherwise the message to show beside the field. */
export function trackingNumberProblem(courierName: string, trackingNumber: string): string | null {
  const courier = findCourier(courierName);
  if (!courier) return `请从列表中选择快递公司（${COURIER_NAMES.join("、")}）`;
  const n = normaliseTrackingNumber(trackingNumber);
  if (!n) return "请填写运单号";
  if (!courier.pattern.test(n)) return `「${n.slice(0, 30)}」不是${courier.name}的运单号格式（例如 ${courier.example}）`;
  return null;
}

/** The courier's public tracking page for a parcel, or null for an unknown courier. */
export function trackingUrl(courierName: string | null, trackingNumber: string | null) {
  const courier = courierName ? findCourier(courierName) : undefined;
  return courier && trackingNumber ? courier.trackingUrl(encodeURIComponent(trackingNumber)) : null;
}
