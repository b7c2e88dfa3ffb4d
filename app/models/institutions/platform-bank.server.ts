import { env } from "~/env.server";

/** The platform's receiving account for corporate transfers (对公转账); demo values outside production. */
export const PLATFORM_BANK = {
  payee: env().PLATFORM_PAYEE ?? "甘肃陇货通电子商务有限公司（演示）",
  bank: env().PLATFORM_BANK ?? "中国农业银行兰州城关支行（演示）",
  account: env().PLATFORM_ACCOUNT ?? "2701 0401 0400 12345",
  taxId: env().PLATFORM_TAX_ID ?? "91620102MA00000000（演示）",
  address: env().PLATFORM_ADDRESS ?? "甘肃省兰州市城关区（演示地址）",
  phone: env().PLATFORM_PHONE ?? "0931-0000000（演示）",
};
