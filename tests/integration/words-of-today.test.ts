// Since 2021 official usage is 脱贫县 / 脱贫户 / 脱贫人口 / 监测对象 and 消费帮扶 (DOMAIN.md): every
// page, PDF, export and demo text is written from the files scanned here, so an old word in any of
// them reaches a buyer. A sentence about what a county *was* may keep the old word when it says so
// in the past tense (曾是 …, 当时 …).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCANNED = ["app", "prisma/seed-data", "prisma/seed.ts", "scripts", "server"];
const SKIPPED = new Set(["app/generated"]);
const OLD_WORDS = ["建档立卡", "贫困县", "贫困户", "贫困人口", "已摘帽", "消费扶贫"];
const HISTORY = /曾是|当时/;

function* sourceFiles(rel: string): Generator<string> {
  if (SKIPPED.has(rel)) return;
  const full = path.join(ROOT, rel);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    for (const entry of readdirSync(full)) yield* sourceFiles(path.join(rel, entry));
  } else if (/\.(tsx?|css|md|json)$/.test(rel)) {
    yield rel;
  }
}

export function oldWordsIn(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => !HISTORY.test(line))
    .flatMap((line) => OLD_WORDS.filter((word) => line.includes(word)));
}

describe("words of today", () => {
  it("finds an old word on a present-tense line and lets a history sentence keep it", () => {
    expect(oldWordsIn("带动 3 户建档立卡贫困户")).toEqual(["建档立卡", "贫困户"]);
    expect(oldWordsIn("覆盖贫困县 58 个")).toEqual(["贫困县"]);
    expect(oldWordsIn("东乡县曾是深度贫困县。")).toEqual([]);
    expect(oldWordsIn("带动 3 户脱贫户")).toEqual([]);
  });

  it("no page, PDF, export or demo text uses the words retired in 2021", () => {
    const found: string[] = [];
    for (const rel of SCANNED.flatMap((dir) => [...sourceFiles(dir)])) {
      for (const word of oldWordsIn(readFileSync(path.join(ROOT, rel), "utf8"))) found.push(`${rel}: ${word}`);
    }
    expect(found).toEqual([]);
  });
});
