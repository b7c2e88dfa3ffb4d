// How the app imports zod decides how much of it reaches the browser (docs/decisions/0016, "Page
// weight"). `import { z } from "zod"` hands esbuild one object holding all of zod, so every page
// with a form shipped all of it (≈ 93 KB compressed); `import * as z from "zod"` lets the build
// keep only what the schemas use (≈ 29 KB). A new *.schema.ts written the old way brings it back.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const APP = path.resolve(import.meta.dirname, "../../app");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sources(file);
    return /\.tsx?$/.test(e.name) ? [file] : [];
  });
}

describe("zod in the browser's code", () => {
  it("every module imports zod as a namespace (import * as z from \"zod\"), never the z object", () => {
    const offenders = sources(APP).filter((file) => /import\s*\{[^}]*\bz\b[^}]*\}\s*from\s*"zod(\/v4)?"/.test(fs.readFileSync(file, "utf8").replace(/import type \{[^}]*\}[^;]*;/g, "")));
    expect(offenders.map((f) => path.relative(APP, f))).toEqual([]);
  });
});
