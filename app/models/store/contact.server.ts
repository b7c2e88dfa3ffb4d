import { env } from "~/env.server";

// How shoppers reach the store and the filing number it is licensed under, from configuration.
// Outside production the values are demo ones, marked 演示 so nobody mistakes them for real;
// production refuses to start without real ones (env.server.ts).

export interface StoreContact {
  hotline: string;
  hours: string;
  email: string;
  /** The ICP filing number (ICP备案号); it links to the MIIT filing lookup, as the rules require. */
  icpNumber: string;
}

export function storeContact(): StoreContact {
  const e = env();
  return {
    hotline: e.SUPPORT_HOTLINE ?? "400-000-0000（演示）",
    hours: e.SUPPORT_HOURS,
    email: e.SUPPORT_EMAIL ?? "kefu@demo.longhuo.cn",
    icpNumber: e.ICP_NUMBER ?? "陇ICP备00000000号（演示）",
  };
}
