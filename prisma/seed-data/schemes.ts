// The article's schemes as demo data: 秦安蜜桃 and 花牛苹果 orchards ("我有一棵树"), two 临夏 tours
// ("鹭岛万人游临夏") and 陇南 pre-sales (订单农业: 武都大红袍花椒, 陇南线椒).

export const ORCHARDS = [
  {
    slug: "qinan-mitao",
    name: "秦安刘坪蜜桃认养园",
    variety: "秦安蜜桃（大久保）",
    county: "qinan",
    coop: "qinan-liuping-mitao",
    rows: 4,
    cols: 8,
    shareGrams: 25_000,
    intro: "刘坪村的山地桃园，海拔 1400 米、昼夜温差大，蜜桃果大汁多。认养一棵树，合作社和脱贫户替您施肥、疏果、套袋，七月底采摘后按您的安排寄出。",
    priceFen: 39_900,
    orgPriceFen: 35_900,
  },
  {
    slug: "maiji-huaniu",
    name: "麦积花牛苹果认养园",
    variety: "花牛苹果（元帅系）",
    county: "maiji",
    coop: "maiji-huaniu-pingguo",
    rows: 5,
    cols: 8,
    shareGrams: 30_000,
    intro: "花牛苹果的原产地麦积区花牛镇，果面浓红、果肉绵甜。认养期内每月发布果园日志，十月采收后分批寄送。",
    priceFen: 45_900,
    orgPriceFen: 41_900,
  },
] as const;

export const GROWTH_LOG: Record<string, { season: "last" | "next"; stage: string; text: string; daysAgo: number }[]> = {
  "qinan-mitao": [
    { season: "last" as const, stage: "BLOSSOM", text: "四月初桃花盛开，合作社组织人工授粉，今年花量足、坐果有保障。", daysAgo: 240 },
    { season: "last" as const, stage: "FRUIT_SET", text: "五月中旬完成疏果，每棵树留果约 150 个，开始套袋防虫。", daysAgo: 200 },
    { season: "last" as const, stage: "HARVEST", text: "七月下旬开始采摘，单果平均 280 克，按认养人的安排分批发出。", daysAgo: 130 },
    { season: "next" as const, stage: "CARE", text: "冬季修剪和施基肥已完成，为明年开花做准备。", daysAgo: 5 },
  ],
  "maiji-huaniu": [
    { season: "last" as const, stage: "BLOSSOM", text: "花牛镇苹果花期，蜜蜂授粉顺利。", daysAgo: 225 },
    { season: "last" as const, stage: "GROWING", text: "八月果实膨大，已开始转色，合作社铺反光膜促进着色。", daysAgo: 110 },
    { season: "last" as const, stage: "HARVEST", text: "十月中旬采收，果形端正、色泽浓红。", daysAgo: 50 },
  ],
};

export const TRAVEL_ENTERPRISE = {
  slug: "linxia-luling-wenlv",
  name: "临夏州鹭临文化旅游有限公司",
  kind: "ENTERPRISE" as const,
  county: "linxia-shi",
  creditCode: "91622901MA7LULING8",
  intro: "承接厦门“鹭岛万人游临夏”团队接待，组织积石山、东乡的脱贫户开办农家院、担任向导。",
  contactName: "马经理",
  contactPhone: "13993012345",
};

export const TOURS = [
  {
    slug: "jishishan-baoan-3d",
    name: "积石山·大河家 保安族风情三日游",
    county: "jishishan",
    operator: "linxia-luling-wenlv",
    householdsFrom: "jishishan-dahejia-huajiao",
    days: 3,
    intro: "从临夏出发，沿黄河到大河家，看保安腰刀锻制、住保安族农家院、在花椒园里吃一顿农家饭。",
    itinerary: [
      { day: 1, title: "临夏—积石山", detail: "兰州中川机场接站，经临夏八坊十三巷到积石山，入住脱贫户农家院。" },
      { day: 2, title: "大河家·黄河石林", detail: "村里的向导带您走黄河边、看保安腰刀锻制，午餐在农家乐吃手抓和花椒鸡。" },
      { day: 3, title: "花椒园—返程", detail: "上午在大河家花椒园采摘、选购花椒，午后送站。" },
    ],
    inclusions: ["两晚脱贫户农家院住宿", "全程用餐 6 顿", "当地向导讲解", "景区门票", "旅行意外险"],
    exclusions: ["往返厦门—兰州的机票"],
    earners: [
      { label: "农家院", detail: "6 户脱贫户接待住宿，每晚每人 120 元" },
      { label: "向导", detail: "2 位村民向导，按团计酬" },
      { label: "农家乐与花椒园", detail: "餐费与采摘收入归合作社社员" },
    ],
    departures: [
      { inDays: 20, capacity: 20, priceFen: 168_000, groupPriceFen: 148_000 },
      { inDays: 41, capacity: 25, priceFen: 168_000, groupPriceFen: 148_000 },
      { inDays: 62, capacity: 30, priceFen: 178_000, groupPriceFen: 158_000 },
    ],
  },
  {
    slug: "dongxiang-hezhou-2d",
    name: "河州古城·东乡手抓 两日游",
    county: "dongxiang",
    operator: "dongxiang-shouzhua-yangrou",
    householdsFrom: "dongxiang-shouzhua-yangrou",
    days: 2,
    intro: "逛临夏八坊十三巷，到东乡族自治县的村里看羊圈、学做手抓羊肉，晚上住农家。",
    itinerary: [
      { day: 1, title: "八坊十三巷—东乡", detail: "上午游八坊十三巷，下午到东乡，合作社社员家里学做手抓，住农家。" },
      { day: 2, title: "布楞沟—返程", detail: "参观布楞沟村的变化，午餐后送回临夏。" },
    ],
    inclusions: ["一晚农家住宿", "全程用餐 3 顿", "合作社讲解", "旅行意外险"],
    exclusions: ["往返临夏的交通"],
    earners: [
      { label: "农家住宿", detail: "4 户脱贫户轮流接待" },
      { label: "手抓体验", detail: "合作社收羊、做饭，收入按户分配" },
    ],
    departures: [
      { inDays: 10, capacity: 12, priceFen: 88_000, groupPriceFen: 78_000 },
      { inDays: 31, capacity: 16, priceFen: 88_000, groupPriceFen: 78_000 },
    ],
  },
] as const;

export const PRESALES = [
  {
    slug: "wudu-dahongpao-2027",
    name: "武都大红袍花椒 · 2027 订单",
    coop: "wudu-dahongpao-huajiao",
    county: "wudu",
    unit: "250 克",
    unitGrams: 250,
    priceFen: 5_800,
    depositFen: 1_500,
    committedQty: 400,
    minimumQty: 120,
    harvestFrom: "2027-07-15",
    harvestTo: "2027-08-15",
    closesInDays: 150,
    unpaidBalance: "FORFEIT" as const,
    intro: "武都区的大红袍花椒，麻香浓郁。按订单种植，采收、晾晒后直接从合作社发出。先付定金 15 元，采收确认后 7 天内付尾款。",
  },
  {
    slug: "longnan-xianjiao-2027",
    name: "陇南线椒 · 订单种植",
    coop: "wudu-dahongpao-huajiao",
    county: "wudu",
    unit: "1 公斤鲜椒",
    unitGrams: 1000,
    priceFen: 2_600,
    depositFen: null,
    committedQty: 300,
    minimumQty: 100,
    harvestFrom: "2027-06-20",
    harvestTo: "2027-07-10",
    closesInDays: 30,
    unpaidBalance: "REFUND" as const,
    intro: "“订单农业”让农户种下之前就知道卖给谁：陇南 6 县区订单种植辣椒 6 万余亩。本批线椒全款预订，收成不足时按付款先后配货，其余自动退款。",
  },
] as const;

/** Demo travellers: valid GB 11643 numbers made for the demo (not real people). */
export const DEMO_TRAVELLERS = [
  { name: "林晓雯", mobile: "13906001234", idNumber: "350203199105123025" },
  { name: "陈思远", mobile: "13906005678", idNumber: "350206198811054017" },
];
