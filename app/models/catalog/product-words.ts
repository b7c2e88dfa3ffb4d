// Where the words of a product name begin and end, so search can tell 花牛 in 天水·花牛·苹果 (the
// apple variety) from 花牛 straddling 雪花·牛排. pinyin-pro's segment() only groups characters
// whose reading depends on the word (it leaves 雪花牛排 as four single characters), so names are cut
// by forward maximum matching against this dictionary of the words our catalogue uses: products,
// varieties, packings and Gansu place names — the smallest words only (花牛 and 苹果, not 花牛苹果,
// which would hide the boundary a search for 苹果 needs). A character in no word stands alone, so an unknown
// word never hides a boundary; a missing word can only make a match look word-aligned when it is
// not. Add a word here when a search ranks a straddling match too high.

const WORDS = `
苹果 花牛 蜜桃 桃 梨 软儿梨 冬果梨 早酥梨 红枣 大枣 枣 核桃 花椒 大红袍 线椒 辣椒 油泼辣子
当归 黄芪 党参 红芪 柴胡 甘草 枸杞 蜂蜜 百花蜜 槐花蜜 木耳 香菇 蘑菇 羊肚菌 菌菇
小米 胡麻 橄榄油 菜籽油 亚麻籽 酥油 牦牛 牛肉 肉干 牛排 雪花 红牛 黄牛 羊肉 羔羊
滩羊 藏香猪 猪肉 腊肉 鸡蛋 土豆 马铃薯 洋芋 粉条 粉丝 宽粉 淀粉 苦荞 荞麦 荞面 燕麦 藜麦 青稞 面粉
挂面 拉面 浆水 香醋 陈醋 醋 百合 玫瑰 花茶 人参果 啤特果 葡萄 白兰瓜 甜瓜 西瓜 哈密瓜 杏 杏干
杏仁 杏脯 黄花菜 金银花 茶 茶叶 绿茶 红茶 茶具 中药 中药材 药材 蔬菜 水果 鲜果 坚果 干果 调味品 调料 粮油 杂粮 五谷 特产 农产品
礼盒 礼包 精选 家庭装 特级 一级 年货 原产地 直发 新鲜 现摘 有机 散装 袋装 罐装 盒装 箱装 整箱 鲜品 当季 冷链
合作社 专业合作社 农民专业合作社 种植 养殖 果品 果业 果园 农场 牧场 基地 公司 扶贫 帮扶 车间
甘肃 天水 秦安 麦积 秦州 甘谷 武山 清水 张家川 静宁 平凉 庄浪 崆峒 泾川 灵台 崇信 华亭 庆阳 环县 华池 合水 宁县 镇原 正宁 定西
安定 通渭 陇西 渭源 临洮 漳县 岷县 陇南 武都 成县 康县 文县 宕昌 西和 礼县 徽县 两当 临夏 积石山 东乡 和政 永靖 广河 康乐 甘南
卓尼 临潭 舟曲 迭部 夏河 碌曲 玛曲 合作市 白银 会宁 靖远 景泰 兰州 榆中 永登 皋兰 武威 天祝 古浪 民勤
`;

const DICTIONARY = new Set(WORDS.split(/\s+/u).filter(Boolean));
const LONGEST = Math.max(...[...DICTIONARY].map((w) => Array.from(w).length));

/**
 * 1 at every character offset (0…length) where a word starts or ends: "雪花牛排" → 雪花|牛排 →
 * [1, 0, 1, 0, 1]. Latin letters and digits run together as one word ("5kg").
 */
export function wordBoundaries(chars: string[]): Uint8Array {
  const boundary = new Uint8Array(chars.length + 1);
  boundary[0] = 1;
  let at = 0;
  while (at < chars.length) {
    let length = 1;
    if (/[a-z0-9.]/.test(chars[at])) {
      while (at + length < chars.length && /[a-z0-9.]/.test(chars[at + length])) length += 1;
    } else {
      for (let n = Math.min(LONGEST, chars.length - at); n > 1; n--) {
        if (DICTIONARY.has(chars.slice(at, at + n).join(""))) {
          length = n;
          break;
        }
      }
    }
    at += length;
    boundary[at] = 1;
  }
  return boundary;
}
