// 东西部扶贫协作结对关系：东部 4 市、甘肃 10 个市州、58 个脱贫县（区、市）。
// Pure data, deterministic; consumed by prisma/seed.ts.

export interface EasternCitySeed {
  slug: "tianjin" | "xiamen" | "fuzhou" | "qingdao";
  name: string;
  province: string;
  hallName: string;
  hallSlogan: string;
  hallAddress: string;
  since: number;
  intro: string;
  districts: string[];
}

export interface PrefectureSeed {
  slug: string;
  name: string;
  shortName: string;
  partnerCity: EasternCitySeed["slug"];
  intro: string;
}

export interface CountySeed {
  slug: string;
  name: string;
  /** prefecture slug */
  prefecture: string;
  partnerCity: EasternCitySeed["slug"];
  /** one of the partner city's districts */
  partnerDistrict: string;
  leftPoverty: boolean;
  leftPovertyYear: number | null;
  /** 万人 */
  population: number;
  profile: string;
}

export const EASTERN_CITIES: EasternCitySeed[] = [
  {
    slug: "tianjin",
    name: "天津",
    province: "天津市",
    hallName: "甘肃省特色产品电商体验馆·天津馆",
    hallSlogan: "甘货进津",
    hallAddress: "天津市河西区友谊路与平江道交口甘肃大厦一层",
    since: 1996,
    intro:
      "天津自1996年起对口支援甘南州、天祝县等藏区9县市，2016年起协作范围扩大到平凉、庆阳、天水、白银、兰州、武威，共7个市州34个县（当时均为贫困县，2020 年已全部脱贫）。天津16个区全部与甘肃结对县建立携手奔小康结对关系，“甘货进津”让陇原农特产品走上津门百姓餐桌。",
    districts: [
      "和平区",
      "河东区",
      "河西区",
      "南开区",
      "河北区",
      "红桥区",
      "东丽区",
      "西青区",
      "津南区",
      "北辰区",
      "武清区",
      "宝坻区",
      "滨海新区",
      "宁河区",
      "静海区",
      "蓟州区",
    ],
  },
  {
    slug: "xiamen",
    name: "厦门",
    province: "福建省",
    hallName: "甘肃省特色产品电商体验馆·厦门馆",
    hallSlogan: "陇货入闽",
    hallAddress: "厦门市思明区湖滨南路与金榜路交口临夏特产展销中心一层",
    since: 2010,
    intro:
      "厦门自2010年起对口帮扶临夏回族自治州，6个区与临夏8县市结对。除产业和劳务协作外，厦门推出“鹭岛万人游临夏”，每年组织2000名游客赴临夏旅游，带动当地民宿、餐饮和特产销售。",
    districts: ["思明区", "湖里区", "集美区", "海沧区", "同安区", "翔安区"],
  },
  {
    slug: "fuzhou",
    name: "福州",
    province: "福建省",
    hallName: "甘肃省特色产品电商体验馆·福州馆",
    hallSlogan: "陇货入闽",
    hallAddress: "福州市鼓楼区五四路与东街口交汇处定西名优特产馆",
    since: 2016,
    intro:
      "福州自2016年起帮扶定西市7个县区，在定西援建扶贫车间76个，引进福州企业20家，推广菌草种植和“阳光房”。2019年春节期间，400多家福州机关、企事业单位和干部订购定西农特产品，销售额超过1000万元。",
    districts: ["鼓楼区", "台江区", "仓山区", "晋安区", "马尾区", "长乐区", "福清市"],
  },
  {
    slug: "qingdao",
    name: "青岛",
    province: "山东省",
    hallName: "甘肃省特色产品电商体验馆·青岛馆",
    hallSlogan: "陇货入鲁",
    hallAddress: "青岛市市北区敦化路与南京路交口陇南特产馆",
    since: 2016,
    intro:
      "青岛自2016年起帮扶陇南市9个县区，开展携手奔小康“三百”工程。青岛企业在陇南6个县区订单种植辣椒6万余亩，并通过节庆展会、职工工会福利等渠道累计销售陇南农特产品5500余万元。",
    districts: [
      "市南区",
      "市北区",
      "黄岛区",
      "崂山区",
      "李沧区",
      "城阳区",
      "即墨区",
      "胶州市",
      "平度市",
      "莱西市",
    ],
  },
];

export const PREFECTURES: PrefectureSeed[] = [
  {
    slug: "gannan",
    name: "甘南藏族自治州",
    shortName: "甘南",
    partnerCity: "tianjin",
    intro:
      "甘南地处青藏高原东北边缘，平均海拔3000米以上，黄河首曲与洮河、白龙江流经境内，是全国重要的牦牛、藏羊产区。天津自1996年起对口支援甘南，牦牛肉、酥油、青稞和藏族手工艺品是“甘货进津”的主力产品。",
  },
  {
    slug: "lanzhou",
    name: "兰州市",
    shortName: "兰州",
    partnerCity: "tianjin",
    intro:
      "兰州是甘肃省会，黄河穿城而过。结对帮扶的榆中县是兰州百合的核心产区和重要的高原夏菜基地，产品经冷链直供京津等东部城市。",
  },
  {
    slug: "baiyin",
    name: "白银市",
    shortName: "白银",
    partnerCity: "tianjin",
    intro:
      "白银位于黄河上游、陇中黄土高原与腾格里沙漠之间，会宁、靖远、景泰三县光照充足、昼夜温差大。小杂粮、胡麻油、枸杞和靖远羊羔肉是当地的特色产业。",
  },
  {
    slug: "tianshui",
    name: "天水市",
    shortName: "天水",
    partnerCity: "tianjin",
    intro:
      "天水地处秦岭西端、渭河上游，是伏羲故里和全国著名的花牛苹果产区。秦安蜜桃、甘谷辣椒、清水核桃、秦州大樱桃各具特色，津南区与秦安县推出的“我有一棵树，足以来扶贫”果树认购活动累计认购果树14.2万棵。",
  },
  {
    slug: "wuwei",
    name: "武威市",
    shortName: "武威",
    partnerCity: "tianjin",
    intro:
      "武威地处河西走廊东端，南依祁连山。结对帮扶的天祝藏族自治县是世界珍稀畜种白牦牛的唯一产地，古浪县黄羊川一带以富硒农产品著称。",
  },
  {
    slug: "pingliang",
    name: "平凉市",
    shortName: "平凉",
    partnerCity: "tianjin",
    intro:
      "平凉位于陇东黄土高原，是优质苹果的黄金产区和“平凉红牛”的原产地。静宁、庄浪的苹果远销全国，庄浪县以“梯田之乡”闻名。",
  },
  {
    slug: "qingyang",
    name: "庆阳市",
    shortName: "庆阳",
    partnerCity: "tianjin",
    intro:
      "庆阳是周祖农耕文化发祥地，号称“陇东粮仓”，小米、荞麦、黄花菜和环县羊羔肉品质上乘。庆阳香包、环县道情皮影是国家级非物质文化遗产。",
  },
  {
    slug: "linxia",
    name: "临夏回族自治州",
    shortName: "临夏",
    partnerCity: "xiamen",
    intro:
      "临夏古称河州，是回族、东乡族、保安族、撒拉族等多民族聚居地，清真牛羊肉加工和砖雕、八宝茶闻名西北。厦门自2010年起对口帮扶临夏，“鹭岛万人游临夏”带旺了当地文旅和特产消费。",
  },
  {
    slug: "dingxi",
    name: "定西市",
    shortName: "定西",
    partnerCity: "fuzhou",
    intro:
      "定西被誉为“中国马铃薯之乡”和“中国药都”，马铃薯种薯、淀粉、粉条产业和岷县当归、陇西黄芪、渭源党参享誉全国。福州自2016年起帮扶定西7个县区，机关单位年货集中采购成为定西产品东销的重要渠道。",
  },
  {
    slug: "longnan",
    name: "陇南市",
    shortName: "陇南",
    partnerCity: "qingdao",
    intro:
      "陇南是甘肃唯一属于长江流域并拥有亚热带气候的地区，被称为“陇上江南”，盛产油橄榄、花椒、核桃、茶叶、中药材和食用菌。青岛通过订单农业和职工工会福利采购，带动陇南农特产品大量进入山东市场。",
  },
];

export const COUNTIES: CountySeed[] = [
  // ───── 天津结对：甘南州 8 县市 ─────
  {
    slug: "hezuo",
    name: "合作市",
    prefecture: "gannan",
    partnerCity: "tianjin",
    partnerDistrict: "和平区",
    leftPoverty: true,
    leftPovertyYear: 2017,
    population: 9.3,
    profile:
      "合作市是甘南州州府所在地，地处甘南高原腹地，海拔约2900米。以牦牛、藏羊养殖和乳品加工为主导产业，米拉日巴佛阁和当周草原是知名景点。",
  },
  {
    slug: "lintan",
    name: "临潭县",
    prefecture: "gannan",
    partnerCity: "tianjin",
    partnerDistrict: "西青区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 15.8,
    profile:
      "临潭县位于甘南州东部、洮河中游，农牧兼营，青稞、油菜、中药材和牦牛养殖并重。冶力关国家森林公园和“万人扯绳”民俗活动远近闻名。",
  },
  {
    slug: "zhuoni",
    name: "卓尼县",
    prefecture: "gannan",
    partnerCity: "tianjin",
    partnerDistrict: "南开区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 11.0,
    profile:
      "卓尼县地处洮河上游，森林和草原资源丰富，发展牦牛、蕨麻猪养殖和青稞种植。县内洮砚乡出产的洮砚位列中国四大名砚。",
  },
  {
    slug: "zhouqu",
    name: "舟曲县",
    prefecture: "gannan",
    partnerCity: "tianjin",
    partnerDistrict: "河东区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 14.4,
    profile:
      "舟曲县位于白龙江中游，地势险峻、气候温和，有“藏乡江南”之称。花椒、核桃、中蜂蜂蜜和食用菌是群众增收的主要产业。",
  },
  {
    slug: "diebu",
    name: "迭部县",
    prefecture: "gannan",
    partnerCity: "tianjin",
    partnerDistrict: "河北区",
    leftPoverty: true,
    leftPovertyYear: 2018,
    population: 5.8,
    profile:
      "迭部县地处白龙江上游的高山峡谷，森林覆盖率高，扎尕那被誉为“人间仙境”。林下经济发达，出产蕨菜、羊肚菌、高山蜂蜜和藏香猪。",
  },
  {
    slug: "maqu",
    name: "玛曲县",
    prefecture: "gannan",
    partnerCity: "tianjin",
    partnerDistrict: "东丽区",
    leftPoverty: true,
    leftPovertyYear: 2017,
    population: 5.7,
    profile:
      "玛曲县位于黄河首曲，拥有大面积高寒草甸和湿地，是纯牧业县。欧拉羊、河曲马和牦牛是当地三大特色畜种，畜产品加工是主导产业。",
  },
  {
    slug: "luqu",
    name: "碌曲县",
    prefecture: "gannan",
    partnerCity: "tianjin",
    partnerDistrict: "河西区",
    leftPoverty: true,
    leftPovertyYear: 2017,
    population: 3.8,
    profile:
      "碌曲县地处青藏高原东缘，境内有尕海湿地和郎木寺，以牧为主。牦牛、藏羊养殖和乳制品加工是主要收入来源，近年发展高原生态旅游。",
  },
  {
    slug: "xiahe",
    name: "夏河县",
    prefecture: "gannan",
    partnerCity: "tianjin",
    partnerDistrict: "红桥区",
    leftPoverty: true,
    leftPovertyYear: 2018,
    population: 9.1,
    profile:
      "夏河县因拉卜楞寺闻名海内外，桑科草原是重要的牦牛、藏羊产区。唐卡绘制、藏香制作等传统手工艺与牦牛肉制品共同构成当地特色产业。",
  },
  // ───── 天津结对：武威 ─────
  {
    slug: "tianzhu",
    name: "天祝藏族自治县",
    prefecture: "wuwei",
    partnerCity: "tianjin",
    partnerDistrict: "滨海新区",
    leftPoverty: true,
    leftPovertyYear: 2018,
    population: 17.6,
    profile:
      "天祝县位于祁连山东端，是新中国第一个少数民族自治县，也是世界珍稀畜种白牦牛的唯一产地。白牦牛养殖、高原藜麦和高原夏菜是当地特色产业。",
  },
  {
    slug: "gulang",
    name: "古浪县",
    prefecture: "wuwei",
    partnerCity: "tianjin",
    partnerDistrict: "静海区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 39.2,
    profile:
      "古浪县地处河西走廊东端、腾格里沙漠南缘，八步沙“六老汉”治沙事迹感动全国。南部黄羊川一带土壤富含硒元素，富硒小米、马铃薯和燕麦是特色农产品。",
  },
  // ───── 天津结对：平凉 ─────
  {
    slug: "kongtong",
    name: "崆峒区",
    prefecture: "pingliang",
    partnerCity: "tianjin",
    partnerDistrict: "和平区",
    leftPoverty: true,
    leftPovertyYear: 2017,
    population: 52.3,
    profile:
      "崆峒区是平凉市政府驻地，因道教名山崆峒山得名。平凉红牛养殖、苹果和牛肉精深加工是主导产业，形成了从养殖到冷链销售的完整产业链。",
  },
  {
    slug: "jingchuan",
    name: "泾川县",
    prefecture: "pingliang",
    partnerCity: "tianjin",
    partnerDistrict: "河西区",
    leftPoverty: true,
    leftPovertyYear: 2018,
    population: 35.1,
    profile:
      "泾川县位于泾河中游，是西王母文化发祥地。以苹果、设施蔬菜和香菇种植为主，罐罐蒸馍等传统面食小有名气。",
  },
  {
    slug: "lingtai",
    name: "灵台县",
    prefecture: "pingliang",
    partnerCity: "tianjin",
    partnerDistrict: "南开区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 23.2,
    profile:
      "灵台县地处陇东黄土高原南缘，因周文王筑台祭天得名。苹果、肉牛和中药材是主导产业，灵台皮影戏是国家级非物质文化遗产。",
  },
  {
    slug: "chongxin",
    name: "崇信县",
    prefecture: "pingliang",
    partnerCity: "tianjin",
    partnerDistrict: "河北区",
    leftPoverty: true,
    leftPovertyYear: 2018,
    population: 10.5,
    profile:
      "崇信县是平凉面积最小的县，以平凉红牛养殖为支柱产业，被誉为“中国红牛之乡”。苹果和设施蔬菜种植也具有一定规模。",
  },
  {
    slug: "zhuanglang",
    name: "庄浪县",
    prefecture: "pingliang",
    partnerCity: "tianjin",
    partnerDistrict: "西青区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 45.2,
    profile:
      "庄浪县是全国第一个梯田化模范县，层层梯田环绕山梁。苹果和马铃薯是两大主导产业，洋芋粉条、淀粉加工带动了大量农户就业。",
  },
  {
    slug: "jingning",
    name: "静宁县",
    prefecture: "pingliang",
    partnerCity: "tianjin",
    partnerDistrict: "东丽区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 48.1,
    profile:
      "静宁县地处六盘山西麓，海拔高、光照足、昼夜温差大，是全国闻名的苹果大县，“静宁苹果”为国家地理标志产品。静宁烧鸡和静宁锅盔是当地传统名吃。",
  },
  // ───── 天津结对：庆阳 ─────
  {
    slug: "qingcheng",
    name: "庆城县",
    prefecture: "qingyang",
    partnerCity: "tianjin",
    partnerDistrict: "宝坻区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 31.2,
    profile:
      "庆城县是千年古县、岐黄故里，地处马莲河与柔远河交汇处。小米、苹果和中药材种植并重，庆阳香包刺绣在当地妇女中传承广泛。",
  },
  {
    slug: "huanxian",
    name: "环县",
    prefecture: "qingyang",
    partnerCity: "tianjin",
    partnerDistrict: "武清区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 36.3,
    profile:
      "环县是甘肃面积第二大县，地处黄土高原丘陵沟壑区，干旱少雨，是传统的羊产业大县，环县羊羔肉远近闻名。荞麦、小米等小杂粮品质优良，道情皮影为世界非物质文化遗产代表项目。",
  },
  {
    slug: "huachi",
    name: "华池县",
    prefecture: "qingyang",
    partnerCity: "tianjin",
    partnerDistrict: "静海区",
    leftPoverty: true,
    leftPovertyYear: 2018,
    population: 13.5,
    profile:
      "华池县位于子午岭西麓，是南梁革命根据地所在地。小杂粮、肉羊和中蜂养殖是主要产业，红色旅游逐步成为新的增收渠道。",
  },
  {
    slug: "heshui",
    name: "合水县",
    prefecture: "qingyang",
    partnerCity: "tianjin",
    partnerDistrict: "宁河区",
    leftPoverty: true,
    leftPovertyYear: 2018,
    population: 17.0,
    profile:
      "合水县东部为子午岭林区，生态良好。黄花菜、苹果和核桃是主导产业，子午岭土蜂蜜和山野菜颇受欢迎。",
  },
  {
    slug: "zhengning",
    name: "正宁县",
    prefecture: "qingyang",
    partnerCity: "tianjin",
    partnerDistrict: "蓟州区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 23.1,
    profile:
      "正宁县地处庆阳最南端、子午岭西麓，塬面平整、土层深厚。苹果、核桃和小米是主要农产品，秦直道遗址穿境而过。",
  },
  {
    slug: "ningxian",
    name: "宁县",
    prefecture: "qingyang",
    partnerCity: "tianjin",
    partnerDistrict: "北辰区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 55.2,
    profile:
      "宁县是庆阳人口最多的县，早胜塬是陇东重要的粮果产区。苹果、黄花菜和黄小米是特色产业，早胜牛是国内知名的地方黄牛品种。",
  },
  {
    slug: "zhenyuan",
    name: "镇原县",
    prefecture: "qingyang",
    partnerCity: "tianjin",
    partnerDistrict: "河东区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 52.4,
    profile:
      "镇原县位于庆阳西部，塬、梁、峁、沟交错，旱作农业历史悠久。苹果、黄花菜、小杂粮和手工挂面是主要特色产品。",
  },
  // ───── 天津结对：天水 ─────
  {
    slug: "qinzhou",
    name: "秦州区",
    prefecture: "tianshui",
    partnerCity: "tianjin",
    partnerDistrict: "红桥区",
    leftPoverty: true,
    leftPovertyYear: 2018,
    population: 68.3,
    profile:
      "秦州区是天水市政府驻地，伏羲庙、南郭寺等古迹众多。大樱桃和苹果是主导果业，天水雕漆、丝毯等传统工艺历史悠久。",
  },
  {
    slug: "maiji",
    name: "麦积区",
    prefecture: "tianshui",
    partnerCity: "tianjin",
    partnerDistrict: "北辰区",
    leftPoverty: true,
    leftPovertyYear: 2017,
    population: 61.5,
    profile:
      "麦积区因麦积山石窟得名，地处渭河与秦岭之间，气候温润。这里是花牛苹果的发源地，花牛村所产苹果曾是我国最早出口的苹果品种之一，大樱桃和蜜桃种植也很普遍。",
  },
  {
    slug: "qingshui",
    name: "清水县",
    prefecture: "tianshui",
    partnerCity: "tianjin",
    partnerDistrict: "宝坻区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 32.4,
    profile:
      "清水县是轩辕黄帝故里，地处陇山西侧。核桃是全县第一大特色产业，苹果、花椒和中蜂养殖协同发展。",
  },
  {
    slug: "qinan",
    name: "秦安县",
    prefecture: "tianshui",
    partnerCity: "tianjin",
    partnerDistrict: "津南区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 62.1,
    profile:
      "秦安县是“中国桃之乡”和花牛苹果主产区，蜜桃、苹果、花椒三大果业覆盖绝大多数农户。津南区与秦安县联合推出“我有一棵树，足以来扶贫”果树认购，果农亩均增收450元。",
  },
  {
    slug: "gangu",
    name: "甘谷县",
    prefecture: "tianshui",
    partnerCity: "tianjin",
    partnerDistrict: "武清区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 63.8,
    profile:
      "甘谷县位于渭河上游，被称为“华夏第一县”。甘谷辣椒以色红、皮薄、香辣适中闻名，是国家地理标志产品，花椒和苹果种植也初具规模。",
  },
  {
    slug: "wushan",
    name: "武山县",
    prefecture: "tianshui",
    partnerCity: "tianjin",
    partnerDistrict: "静海区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 46.3,
    profile:
      "武山县是西北著名的蔬菜生产基地，洛门蔬菜批发市场辐射全国，韭菜、芹菜等蔬菜常年供应京津市场。境内出产的鸳鸯玉可制作玉器和茶具。",
  },
  {
    slug: "zhangjiachuan",
    name: "张家川回族自治县",
    prefecture: "tianshui",
    partnerCity: "tianjin",
    partnerDistrict: "宁河区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 34.2,
    profile:
      "张家川县是甘肃东部唯一的回族自治县，关山草原风光秀丽。清真牛羊肉养殖和加工是支柱产业，皮毛集散和关山林下产品也有传统。",
  },
  // ───── 天津结对：白银 ─────
  {
    slug: "huining",
    name: "会宁县",
    prefecture: "baiyin",
    partnerCity: "tianjin",
    partnerDistrict: "蓟州区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 58.2,
    profile:
      "会宁县是红军三大主力会师地，也是闻名全国的“状元县”。地处干旱山区，小杂粮和胡麻种植面积大，会宁胡麻油、荞麦、小米是特色产品。",
  },
  {
    slug: "jingyuan",
    name: "靖远县",
    prefecture: "baiyin",
    partnerCity: "tianjin",
    partnerDistrict: "津南区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 48.1,
    profile:
      "靖远县黄河穿境而过，沿河川区灌溉便利。靖远羊羔肉、枸杞和小口大枣是当地三张名片，羊羔肉在西北地区享有盛誉。",
  },
  {
    slug: "jingtai",
    name: "景泰县",
    prefecture: "baiyin",
    partnerCity: "tianjin",
    partnerDistrict: "滨海新区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 24.1,
    profile:
      "景泰县依靠景电高扬程提灌工程把黄河水引上高原，形成大片灌区。枸杞种植是首位产业，条山农场出产的早酥梨也小有名气，黄河石林是知名景区。",
  },
  // ───── 天津结对：兰州 ─────
  {
    slug: "yuzhong",
    name: "榆中县",
    prefecture: "lanzhou",
    partnerCity: "tianjin",
    partnerDistrict: "河西区",
    leftPoverty: true,
    leftPovertyYear: 2018,
    population: 44.2,
    profile:
      "榆中县紧邻兰州城区，兴隆山是著名的避暑胜地。县内南部二阴山区是兰州百合的核心产区，北部川区是全国知名的高原夏菜基地。",
  },
  // ───── 厦门结对：临夏州 8 县市 ─────
  {
    slug: "linxia-shi",
    name: "临夏市",
    prefecture: "linxia",
    partnerCity: "xiamen",
    partnerDistrict: "集美区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 28.4,
    profile:
      "临夏市是临夏州州府，古称河州，素有“河湟雄镇”之称。商贸和清真食品加工发达，临夏砖雕、八宝茶和紫斑牡丹是城市名片。",
  },
  {
    slug: "linxia-xian",
    name: "临夏县",
    prefecture: "linxia",
    partnerCity: "xiamen",
    partnerDistrict: "海沧区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 40.3,
    profile:
      "临夏县环绕临夏市，北塬灌区地势平坦。以肉牛养殖、马铃薯和清真食品加工为主，牛羊肉产品大量销往东部。",
  },
  {
    slug: "kangle",
    name: "康乐县",
    prefecture: "linxia",
    partnerCity: "xiamen",
    partnerDistrict: "同安区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 28.2,
    profile:
      "康乐县位于临夏州东南部，南部莲花山林区生态良好。肉牛养殖是首位产业，胡麻、中药材和山野菜种植采集也是重要收入来源。",
  },
  {
    slug: "yongjing",
    name: "永靖县",
    prefecture: "linxia",
    partnerCity: "xiamen",
    partnerDistrict: "翔安区",
    leftPoverty: true,
    leftPovertyYear: 2019,
    population: 21.3,
    profile:
      "永靖县境内有刘家峡水库和炳灵寺石窟，黄河三峡风光秀美。依托库区发展冷水鱼、鲟鱼养殖和旅游业，永靖傩舞是国家级非物质文化遗产。",
  },
  {
    slug: "guanghe",
    name: "广河县",
    prefecture: "linxia",
    partnerCity: "xiamen",
    partnerDistrict: "湖里区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 26.1,
    profile:
      "广河县是西北著名的皮毛集散地和清真牛羊肉交易中心，商贸传统深厚。肉牛肉羊养殖、屠宰加工和皮毛制品是支柱产业。",
  },
  {
    slug: "hezheng",
    name: "和政县",
    prefecture: "linxia",
    partnerCity: "xiamen",
    partnerDistrict: "思明区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 21.2,
    profile:
      "和政县地处太子山北麓，以古动物化石群闻名世界。啤特果是和政独有的特色果品，羊肚菌、中药材和高原夏菜种植发展迅速。",
  },
  {
    slug: "dongxiang",
    name: "东乡族自治县",
    prefecture: "linxia",
    partnerCity: "xiamen",
    partnerDistrict: "思明区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 30.3,
    profile:
      "东乡县是全国唯一的东乡族自治县，山大沟深、干旱缺水，曾是深度贫困县。东乡手抓羊肉享誉西北，马铃薯和养殖业是群众增收的主要途径。",
  },
  {
    slug: "jishishan",
    name: "积石山保安族东乡族撒拉族自治县",
    prefecture: "linxia",
    partnerCity: "xiamen",
    partnerDistrict: "湖里区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 27.4,
    profile:
      "积石山县位于甘青交界的黄河岸边，是全国唯一的保安族聚居县。花椒、核桃和牛羊养殖是主要产业，保安腰刀锻制技艺是国家级非物质文化遗产。",
  },
  // ───── 福州结对：定西 7 县区 ─────
  {
    slug: "anding",
    name: "安定区",
    prefecture: "dingxi",
    partnerCity: "fuzhou",
    partnerDistrict: "鼓楼区",
    leftPoverty: true,
    leftPovertyYear: 2019,
    population: 43.1,
    profile:
      "安定区是定西市政府驻地，被誉为“中国马铃薯之乡”。马铃薯种薯繁育、淀粉和粉条加工形成了全国知名的产业集群，中药材种植也具规模。",
  },
  {
    slug: "tongwei",
    name: "通渭县",
    prefecture: "dingxi",
    partnerCity: "fuzhou",
    partnerDistrict: "台江区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 46.1,
    profile:
      "通渭县是“中国书画艺术之乡”，农家多有挂字画的习俗。地处陇中干旱区，荞麦、燕麦、胡麻等小杂粮品质优良，苦荞茶加工初具规模。",
  },
  {
    slug: "longxi",
    name: "陇西县",
    prefecture: "dingxi",
    partnerCity: "fuzhou",
    partnerDistrict: "仓山区",
    leftPoverty: true,
    leftPovertyYear: 2019,
    population: 51.2,
    profile:
      "陇西县是李氏郡望地，也是西北最大的中药材集散地之一，被称为“千年药乡”。黄芪、党参是主栽品种，陇西腊肉是当地传统名产。",
  },
  {
    slug: "weiyuan",
    name: "渭源县",
    prefecture: "dingxi",
    partnerCity: "fuzhou",
    partnerDistrict: "晋安区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 35.2,
    profile:
      "渭源县是渭河发源地，气候冷凉湿润。渭源白条党参被誉为“中国党参之乡”的代表产品，马铃薯种薯繁育同样是重要产业。",
  },
  {
    slug: "lintao",
    name: "临洮县",
    prefecture: "dingxi",
    partnerCity: "fuzhou",
    partnerDistrict: "马尾区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 54.3,
    profile:
      "临洮县地处洮河下游川区，是马家窑文化的发现地。高原夏菜、花卉和马铃薯种植发达，娃娃菜、胡萝卜等蔬菜大量外销。",
  },
  {
    slug: "zhangxian",
    name: "漳县",
    prefecture: "dingxi",
    partnerCity: "fuzhou",
    partnerDistrict: "长乐区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 20.1,
    profile:
      "漳县位于定西南部，因盐井而名，古法制盐历史逾两千年。中药材种植是主导产业，贵清山、遮阳山一带林下蜂蜜和山野菜品质优良。",
  },
  {
    slug: "minxian",
    name: "岷县",
    prefecture: "dingxi",
    partnerCity: "fuzhou",
    partnerDistrict: "福清市",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 48.3,
    profile:
      "岷县被誉为“中国当归之乡”，岷归产量和品质居全国前列，为国家地理标志产品。黄芪、党参等中药材种植和初加工是全县农民的主要收入来源。",
  },
  // ───── 青岛结对：陇南 9 县区 ─────
  {
    slug: "wudu",
    name: "武都区",
    prefecture: "longnan",
    partnerCity: "qingdao",
    partnerDistrict: "市北区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 59.2,
    profile:
      "武都区是陇南市政府驻地，白龙江河谷气候温暖，是全国最适宜的油橄榄种植区之一。武都花椒、油橄榄、红芪和订单辣椒构成了主要的特色产业。",
  },
  {
    slug: "chengxian",
    name: "成县",
    prefecture: "longnan",
    partnerCity: "qingdao",
    partnerDistrict: "胶州市",
    leftPoverty: true,
    leftPovertyYear: 2018,
    population: 26.4,
    profile:
      "成县被称为“中国核桃之乡”，核桃种植覆盖全县绝大多数乡镇。依托电商发展核桃、土蜂蜜等网货，西狭颂摩崖石刻是国家重点文物。",
  },
  {
    slug: "wenxian",
    name: "文县",
    prefecture: "longnan",
    partnerCity: "qingdao",
    partnerDistrict: "崂山区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 25.1,
    profile:
      "文县地处甘川交界，是大熊猫栖息地之一。文县纹党、碧口茶叶和油橄榄是三大特色产业，纹党以横纹密集、味甜质糯著称。",
  },
  {
    slug: "tanchang",
    name: "宕昌县",
    prefecture: "longnan",
    partnerCity: "qingdao",
    partnerDistrict: "市南区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 31.3,
    profile:
      "宕昌县位于岷江流域与白龙江之间，山高谷深，官鹅沟国家森林公园风光秀丽。当归、黄芪、大黄等中药材种植是首位产业，中蜂养殖也很普遍。",
  },
  {
    slug: "kangxian",
    name: "康县",
    prefecture: "longnan",
    partnerCity: "qingdao",
    partnerDistrict: "城阳区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 20.3,
    profile:
      "康县森林覆盖率高，被誉为“陇上江南”中的“生态美县”，美丽乡村建设全国闻名。黑木耳、阳坝茶叶、天麻和核桃是主要特色产品。",
  },
  {
    slug: "xihe",
    name: "西和县",
    prefecture: "longnan",
    partnerCity: "qingdao",
    partnerDistrict: "即墨区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 44.2,
    profile:
      "西和县是“中国乞巧文化之乡”，乞巧节为国家级非物质文化遗产。西和半夏产量居全国前列，花椒、核桃和订单辣椒种植也较普遍。",
  },
  {
    slug: "lixian",
    name: "礼县",
    prefecture: "longnan",
    partnerCity: "qingdao",
    partnerDistrict: "黄岛区",
    leftPoverty: true,
    leftPovertyYear: null,
    population: 53.1,
    profile:
      "礼县是秦文化发祥地之一，境内有大堡子山秦公大墓遗址。礼县苹果种植面积大、着色好、口感脆甜，铨水大黄是传统道地药材。",
  },
  {
    slug: "huixian",
    name: "徽县",
    prefecture: "longnan",
    partnerCity: "qingdao",
    partnerDistrict: "莱西市",
    leftPoverty: true,
    leftPovertyYear: 2018,
    population: 21.4,
    profile:
      "徽县地处秦岭南麓嘉陵江上游，气候温和湿润，县内有千年古银杏树群。银杏、紫皮大蒜、核桃和茶叶是特色产品。",
  },
  {
    slug: "liangdang",
    name: "两当县",
    prefecture: "longnan",
    partnerCity: "qingdao",
    partnerDistrict: "平度市",
    leftPoverty: true,
    leftPovertyYear: 2018,
    population: 4.6,
    profile:
      "两当县是甘肃人口最少的县之一，也是两当兵变发生地。山林茂密，狼牙蜜为国家地理标志产品，林下土鸡和山野菜颇具特色。",
  },
];
