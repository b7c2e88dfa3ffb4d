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

/**
 * One lower-case syllable per character (code point) of `text`: "花牛5kg" → ["hua", "niu", "5", "k", "g"].
 * Polyphones are read in context (pinyin-pro), so 长城 gives "chang cheng". Whitespace gives "".
 */
export function charSyllables(text: string): string[] {
  if (!text) return [];
  const out = pinyin(text, { toneType: "none", type: "array", nonZh: "spaced", v: true }) as string[];
  return out.map((s) => s.toLowerCase().replace(/\s+/g, ""));
}
