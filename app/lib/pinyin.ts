import { pinyin } from "pinyin-pro";

/** "花牛苹果" → { full: "huaniupingguo", spaced: "hua niu ping guo", initials: "hnpg" }; other characters pass through. */
export function toPinyin(text: string) {
  const syllables = pinyin(text, { toneType: "none", type: "array", nonZh: "consecutive", v: true }) as string[];
  const clean = syllables.map((s) => s.toLowerCase().replace(/\s+/g, "")).filter(Boolean);
  return {
    full: clean.join(""),
    spaced: clean.join(" "),
    initials: clean.map((s) => s[0]).join(""),
  };
}
