import type { Role } from "../../app/models/accounts/roles";

// Listed in the README; one account per role. Demo only: production data never uses these.
export const DEMO_PASSWORD = "longhuo2026";

export const DEMO_ORGANIZATIONS = [
  { name: "福州市鼓楼区机关事务服务中心", type: "AGENCY", creditCode: "12350102MB0K12345X", invoiceTitle: "福州市鼓楼区机关事务服务中心", taxNumber: "12350102MB0K12345X", city: "福州", approvalLimitFen: 500000 },
  { name: "青岛市市北区总工会", type: "UNION", creditCode: "81370203MC1234567A", invoiceTitle: "青岛市市北区总工会", taxNumber: "81370203MC1234567A", city: "青岛", approvalLimitFen: 1000000 },
  { name: "天津市津南区人民医院", type: "HOSPITAL", creditCode: "12120112401234567B", invoiceTitle: "天津市津南区人民医院", taxNumber: "12120112401234567B", city: "天津", approvalLimitFen: 300000 },
  { name: "厦门市湖里区第一中学", type: "SCHOOL", creditCode: "12350206426012345C", invoiceTitle: "厦门市湖里区第一中学", taxNumber: "12350206426012345C", city: "厦门", approvalLimitFen: 200000 },
  { name: "青岛海川电子科技有限公司", type: "ENTERPRISE", creditCode: "91370212MA3C12345D", invoiceTitle: "青岛海川电子科技有限公司", taxNumber: "91370212MA3C12345D", city: "青岛", approvalLimitFen: 2000000 },
] as const;

export const DEMO_ACCOUNTS: { email: string; name: string; roles: Role[]; orgCreditCode?: string; coopSlug?: string; countySlug?: string; label: string }[] = [
  { email: "consumer@demo.longhuo.cn", name: "林晓雯", roles: ["consumer"], label: "消费者" },
  { email: "buyer@demo.longhuo.cn", name: "陈建国", roles: ["consumer", "org_buyer"], orgCreditCode: "12350102MB0K12345X", label: "单位采购员（福州鼓楼区机关事务服务中心）" },
  { email: "approver@demo.longhuo.cn", name: "黄丽萍", roles: ["consumer", "org_approver"], orgCreditCode: "12350102MB0K12345X", label: "单位审批人（同上）" },
  { email: "orgadmin@demo.longhuo.cn", name: "郑国强", roles: ["consumer", "org_admin"], orgCreditCode: "12350102MB0K12345X", label: "单位管理员（同上）" },
  { email: "coop@demo.longhuo.cn", name: "马永福", roles: ["consumer", "coop_manager"], coopSlug: "qinan-liuping-mitao", label: "合作社管理员（秦安县刘坪蜜桃农民专业合作社）" },
  { email: "coop2@demo.longhuo.cn", name: "何建军", roles: ["consumer", "coop_manager"], coopSlug: "maiji-huaniu-pingguo", label: "合作社管理员（天水市麦积区花牛苹果种植农民专业合作社）" },
  { email: "county@demo.longhuo.cn", name: "杨秀兰", roles: ["consumer", "county_reviewer"], countySlug: "qinan", label: "县级推荐审核人（秦安县）" },
  { email: "applicant@demo.longhuo.cn", name: "李明辉", roles: ["consumer"], label: "入驻申请人（一份待县级推荐的申请）" },
  { email: "staff@demo.longhuo.cn", name: "王振华", roles: ["consumer", "staff"], label: "平台工作人员" },
  { email: "apple@demo.longhuo.cn", name: "张守仁", roles: ["consumer", "coop_manager"], coopSlug: "maiji-huaniu-pingguo", label: "合作社管理员（麦积花牛苹果认养园）" },
  { email: "tours@demo.longhuo.cn", name: "马晓东", roles: ["consumer", "coop_manager"], coopSlug: "linxia-luling-wenlv", label: "旅行社管理员（临夏州鹭临文化旅游，乡村旅游组织方）" },
  { email: "presale@demo.longhuo.cn", name: "杨春来", roles: ["consumer", "coop_manager"], coopSlug: "wudu-dahongpao-huajiao", label: "合作社管理员（武都花椒与陇南线椒预售）" },
  { email: "tjbuyer@demo.longhuo.cn", name: "刘海燕", roles: ["consumer", "org_buyer"], orgCreditCode: "12120112401234567B", label: "单位采购员（天津市津南区人民医院，整批认养果树）" },
];

/** One application waiting for the county, so /county/applications and /admin/suppliers show one. */
export const DEMO_APPLICATION = {
  applicant: "applicant@demo.longhuo.cn",
  name: "秦安县五营镇花椒种植专业合作社",
  kind: "COOP" as const,
  creditCode: "93620522MA74HJ8Q1", // + check character, computed by the seed
  county: "qinan",
  intro: "种植大红袍花椒 800 亩，统一收购、晾晒、分级。",
  contactName: "李明辉",
  contactPhone: "13919381234",
  benefitHouseholds: 46,
  benefitNote: "吸纳 18 名脱贫劳动力在晾晒车间务工，日工资 120 元；按不低于市场价 5% 保底收购 46 户脱贫户的鲜椒。",
};
