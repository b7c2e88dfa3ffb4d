// The product search matcher: pure functions, no database. A product is indexed as five fields
// (name, county, prefecture, co-op, category); each field is kept as normalised hanzi plus one pinyin
// syllable per character, so a query can be hanzi (苹果), full pinyin with or without spaces
// (huaniu pingguo), initials (hnpg) or a mix (花niu), and the match can be highlighted in the text.
import { charSyllables } from "~/models/catalog/pinyin";
import { wordBoundaries } from "~/models/catalog/product-words";

export const FIELD_KINDS = ["name", "county", "prefecture", "coop", "category"] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const FIELD_LABELS: Record<FieldKind, string> = {
  name: "商品",
  county: "产地",
  prefecture: "市州",
  coop: "合作社",
  category: "品类",
};

/** A name match outranks the same kind of match on the county, co-op or category. */
const FIELD_WEIGHT: Record<FieldKind, number> = { name: 1, county: 0.8, category: 0.8, coop: 0.7, prefecture: 0.6 };

/** Match strength: exact before prefix before contained; hanzi before pinyin before initials. */
const LEVEL = {
  textExact: 100,
  fullExact: 95,
  initialsExact: 90,
  textPrefix: 85,
  fullPrefix: 80,
  initialsPrefix: 75,
  textContains: 60,
  fullContains: 55,
  initialsContains: 45,
} as const;

const MAX_QUERY_CHARS = 40;
const MAX_TOKENS = 5;

/** Lower-case, full-width folded (NFKC), no whitespace and no "|" (the stored field separator). */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[\s|]+/gu, "");
}

// ───────────── Index side ─────────────

/** One field as stored in Product.searchText: "花牛苹果|hua niu ping guo". */
export function encodeField(text: string): string {
  const normalized = normalizeText(text);
  return `${normalized}|${charSyllables(normalized).join(" ")}`;
}

export interface IndexedField {
  /** normalised hanzi text */
  text: string;
  /** its code points (so a match offset maps to characters) */
  chars: string[];
  /** full pinyin without spaces: "huaniupingguo" */
  full: string;
  /** syllable start offsets in `full`, one per character */
  starts: number[];
  /** 1 at every offset of `full` where a syllable starts */
  boundary: Uint8Array;
  /** first letter of each character's syllable: "hnpg" */
  initials: string;
  /** word boundaries (product-words.ts) at offsets of `text` (UTF-16), of `full` and of `initials` */
  wordsText: Uint8Array;
  wordsFull: Uint8Array;
  wordsInitials: Uint8Array;
}

export function decodeField(line: string): IndexedField {
  const bar = line.indexOf("|");
  const text = bar < 0 ? line : line.slice(0, bar);
  const chars = Array.from(text);
  const syllables = bar < 0 ? charSyllables(text) : line.slice(bar + 1).split(" ");
  // A stored line from another format, or a syllable list that does not fit the text: recompute.
  const syl = syllables.length === chars.length ? syllables : charSyllables(text);
  const starts: number[] = [];
  let full = "";
  let initials = "";
  for (const s of syl) {
    starts.push(full.length);
    full += s;
    initials += s ? s[0] : "";
  }
  const boundary = new Uint8Array(full.length + 1);
  for (const s of starts) boundary[s] = 1;
  const words = wordBoundaries(chars);
  const wordsText = new Uint8Array(text.length + 1);
  const wordsFull = new Uint8Array(full.length + 1);
  const wordsInitials = new Uint8Array(initials.length + 1);
  let unit = 0;
  let letter = 0;
  chars.forEach((c, i) => {
    if (words[i]) {
      wordsText[unit] = 1;
      wordsFull[starts[i]] = 1;
      wordsInitials[letter] = 1;
    }
    unit += c.length;
    if (syl[i]) letter += 1;
  });
  wordsText[text.length] = 1;
  wordsFull[full.length] = 1;
  wordsInitials[initials.length] = 1;
  return { text, chars, full, starts, boundary, initials, wordsText, wordsFull, wordsInitials };
}

/** Product.searchText: one encoded line per field kind, in FIELD_KINDS order. */
export function encodeSearchText(fields: Record<FieldKind, string>): string {
  return FIELD_KINDS.map((k) => encodeField(fields[k])).join("\n");
}

export function decodeSearchText(searchText: string): IndexedField[] {
  const lines = searchText.split("\n");
  return FIELD_KINDS.map((_, i) => decodeField(lines[i] ?? ""));
}

// ───────────── Query side ─────────────

export interface SearchTerm {
  /** as typed, normalised: hanzi and/or latin letters and digits */
  text: string;
  /** only [a-z0-9]: may be full pinyin or initials */
  latin: boolean;
  /** hanzi mixed with latin (花niu): matched through its pinyin */
  pinyin: string | null;
  /** length in characters (code points) */
  chars: number;
}

export interface SearchQuery {
  /** the cleaned query, safe to show and to put back in the search box */
  display: string;
  /** all tokens run together: "huaniu pingguo" → "huaniupingguo" */
  whole: SearchTerm;
  tokens: SearchTerm[];
}

function term(text: string): SearchTerm {
  const latin = /^[a-z0-9]+$/.test(text);
  const mixed = !latin && /[a-z]/.test(text) && /\p{Script=Han}/u.test(text);
  return { text, latin, pinyin: mixed ? charSyllables(text).join("") : null, chars: Array.from(text).length };
}

/** Any input → a query of letters, digits and hanzi (punctuation, emoji, markup dropped), or null. */
export function parseQuery(input: string | null | undefined): SearchQuery | null {
  if (!input) return null;
  const cleaned = input
    .slice(0, 200)
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
  const display = Array.from(cleaned).slice(0, MAX_QUERY_CHARS).join("").trim();
  if (!display) return null;
  const tokens = display.split(" ").filter(Boolean).slice(0, MAX_TOKENS);
  return { display, whole: term(tokens.join("")), tokens: tokens.map(term) };
}

// ───────────── Matching ─────────────
// Scoring runs for every candidate, so it allocates nothing; where a match lies (for highlighting)
// is worked out afterwards, only for the products shown.

export interface FieldMatch {
  field: number;
  /** matched characters [start, end) in the field's normalised text */
  start: number;
  end: number;
  score: number;
}

const MIXED_PENALTY = 5;

/**
 * A match that starts inside a word, or ends inside one, counts half: 花牛 in 雪花·牛排 ranks below
 * 花牛 in 天水·花牛·苹果 and below a whole-word match on the county or category. A pinyin match that
 * ends part-way through a syllable (someone still typing: "huani") is judged by its start alone.
 */
const STRADDLING = 0.5;

/** 2: some occurrence of `needle` (length `n`) in `haystack` lies on word boundaries; 1: only straddling ones; 0: none. */
function occurrence(haystack: string, needle: string, words: Uint8Array, syllable: Uint8Array | null, from = 0): 0 | 1 | 2 {
  let at = haystack.indexOf(needle, from);
  let found: 0 | 1 = 0;
  while (at >= 0) {
    if (!syllable || syllable[at]) {
      const end = at + needle.length;
      const endsInSyllable = syllable !== null && !syllable[end] && end < haystack.length;
      if (words[at] && (words[end] || endsInSyllable)) return 2;
      found = 1;
    }
    at = haystack.indexOf(needle, at + 1);
  }
  return found;
}

function aligned(level: number, kind: 0 | 1 | 2) {
  return kind === 2 ? level : kind === 1 ? level * STRADDLING : 0;
}

/** Where `needle` occurs in `full` starting on a syllable boundary (so "ngg" does not match 苹果). */
function boundaryIndexOf(field: IndexedField, needle: string) {
  let at = field.full.indexOf(needle);
  while (at >= 0) {
    if (field.boundary[at]) return at;
    at = field.full.indexOf(needle, at + 1);
  }
  return -1;
}

function pinyinLevel(field: IndexedField, p: string, penalty: number) {
  if (!field.full || !p) return 0;
  if (field.full === p) return LEVEL.fullExact - penalty;
  if (field.full.startsWith(p)) return aligned(LEVEL.fullPrefix - penalty, occurrence(field.full, p, field.wordsFull, field.boundary, 0) === 2 ? 2 : 1);
  if (p.length >= 2) return aligned(LEVEL.fullContains - penalty, occurrence(field.full, p, field.wordsFull, field.boundary, 1));
  return 0;
}

function initialsLevel(field: IndexedField, p: string) {
  if (p.length < 2 || !field.initials) return 0;
  if (field.initials === p) return LEVEL.initialsExact;
  if (field.initials.startsWith(p)) return aligned(LEVEL.initialsPrefix, field.wordsInitials[p.length] ? 2 : 1);
  return aligned(LEVEL.initialsContains, occurrence(field.initials, p, field.wordsInitials, null, 1));
}

function textLevel(field: IndexedField, t: string) {
  if (field.text === t) return LEVEL.textExact;
  if (field.text.startsWith(t)) return aligned(LEVEL.textPrefix, field.wordsText[t.length] ? 2 : 1);
  return aligned(LEVEL.textContains, occurrence(field.text, t, field.wordsText, null, 1));
}

/** How well one term matches one field: 0 (not at all) up to LEVEL.textExact. */
function fieldLevel(field: IndexedField, t: SearchTerm): number {
  const text = textLevel(field, t.text);
  if (text === LEVEL.textExact) return text;
  if (t.latin) return Math.max(text, pinyinLevel(field, t.text, 0), initialsLevel(field, t.text));
  if (t.pinyin) return Math.max(text, pinyinLevel(field, t.pinyin, MIXED_PENALTY));
  return text;
}

/** The characters a match of `level` covers (the form is known from the level). */
function fieldRange(field: IndexedField, t: SearchTerm, level: number): { start: number; end: number } {
  if (level === textLevel(field, t.text)) {
    const at = field.text.indexOf(t.text);
    const start = Array.from(field.text.slice(0, at)).length;
    return { start, end: start + t.chars };
  }
  const p = t.latin ? t.text : (t.pinyin ?? "");
  if (level === pinyinLevel(field, p, t.latin ? 0 : MIXED_PENALTY)) {
    const from = field.full.startsWith(p) ? 0 : boundaryIndexOf(field, p);
    const to = from + p.length;
    let start = 0;
    while (start + 1 < field.starts.length && field.starts[start + 1] <= from) start += 1;
    let end = start;
    while (end < field.starts.length && field.starts[end] < to) end += 1;
    return { start, end };
  }
  const at = field.initials.indexOf(t.text);
  return { start: at, end: at + t.text.length };
}

const COOP = FIELD_KINDS.indexOf("coop");

function bestField(fields: IndexedField[], t: SearchTerm, withCoop: boolean): { field: number; score: number } {
  let best = { field: -1, score: 0 };
  for (let i = 0; i < fields.length; i++) {
    if (i === COOP && !withCoop) continue;
    const level = fieldLevel(fields[i], t);
    if (!level) continue;
    const score = level * FIELD_WEIGHT[FIELD_KINDS[i]];
    if (score > best.score) best = { field: i, score };
  }
  return best;
}

function scoreFields(fields: IndexedField[], query: SearchQuery, withCoop: boolean): number {
  const whole = bestField(fields, query.whole, withCoop).score;
  if (whole || query.tokens.length < 2) return whole;
  let weakest = Infinity;
  for (const t of query.tokens) {
    const score = bestField(fields, t, withCoop).score;
    if (!score) return 0;
    weakest = Math.min(weakest, score);
  }
  return weakest * 0.9;
}

/**
 * A product's score for a query (0: no match). The whole query first (so "huaniu pingguo" is one
 * pinyin word), otherwise every word must match some field (天水 苹果), scored by the weakest.
 * A product found only through its co-op's name (a tea set from a co-op named after 花牛苹果) is
 * `coopOnly`: the ranking keeps it only when nothing else matches (someone searching a co-op).
 */
export function scoreProduct(fields: IndexedField[], query: SearchQuery): { score: number; coopOnly: boolean } {
  const score = scoreFields(fields, query, false);
  if (score) return { score, coopOnly: false };
  return { score: scoreFields(fields, query, true), coopOnly: true };
}

/** Which fields matched and where, for highlighting; null when the product does not match. */
export function matchProduct(fields: IndexedField[], query: SearchQuery): FieldMatch[] | null {
  const withCoop = scoreProduct(fields, query).coopOnly;
  const locate = (t: SearchTerm) => {
    const best = bestField(fields, t, withCoop);
    if (!best.score) return null;
    const f = fields[best.field];
    return { field: best.field, score: best.score, ...fieldRange(f, t, fieldLevel(f, t)) };
  };
  const whole = locate(query.whole);
  if (whole) return [whole];
  if (query.tokens.length < 2) return null;
  const matches: FieldMatch[] = [];
  for (const t of query.tokens) {
    const m = locate(t);
    if (!m) return null;
    matches.push(m);
  }
  return matches;
}

export interface Rankable {
  id: string;
  salesCount: number;
  fields: IndexedField[];
}

/**
 * Every matching entry, best first; ties go to the better seller, then a stable id order. Co-op-only
 * matches are dropped when anything matches on its own name, place or category.
 */
export function rankProducts<T extends Rankable>(entries: Iterable<T>, query: SearchQuery) {
  let hits: { entry: T; score: number; coopOnly: boolean }[] = [];
  for (const entry of entries) {
    const { score, coopOnly } = scoreProduct(entry.fields, query);
    if (score) hits.push({ entry, score, coopOnly });
  }
  if (hits.some((h) => !h.coopOnly)) hits = hits.filter((h) => !h.coopOnly);
  hits.sort(
    (a, b) =>
      b.score - a.score ||
      b.entry.salesCount - a.entry.salesCount ||
      (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0),
  );
  return hits;
}

// ───────────── Highlighting ─────────────

export interface Segment {
  text: string;
  hit: boolean;
}

/**
 * Splits the text as displayed into plain and highlighted parts, given character ranges in its
 * normalised form (normalisation folds width and drops spaces, so positions are mapped back).
 */
export function highlight(display: string, ranges: { start: number; end: number }[]): Segment[] {
  const chars = Array.from(display);
  const hit = new Array<boolean>(chars.length).fill(false);
  let normalized = 0;
  chars.forEach((c, i) => {
    const n = Array.from(normalizeText(c)).length;
    if (n > 0 && ranges.some((r) => normalized < r.end && normalized + n > r.start)) hit[i] = true;
    normalized += n;
  });
  const segments: Segment[] = [];
  chars.forEach((c, i) => {
    const last = segments[segments.length - 1];
    if (last && last.hit === hit[i]) last.text += c;
    else segments.push({ text: c, hit: hit[i] });
  });
  return segments;
}

// ───────────── Candidate lookup ─────────────

/**
 * All entries' fields run together per form (hanzi, full pinyin, initials), so a query scans three
 * long strings with indexOf instead of scoring every product: only entries containing the query
 * (or one of its words) anywhere are then scored by matchProduct. Every kind of match contains its
 * term in one of the forms, so no match is missed.
 */
export class SearchCorpus<T extends Rankable> {
  private readonly forms: string[];
  /** start offset of each field segment in the joined strings, per form */
  private readonly starts: Int32Array[];
  /** which entry each field segment belongs to */
  private readonly owner: Int32Array;

  constructor(readonly entries: T[]) {
    const segments = entries.flatMap((e, i) => e.fields.map((f) => ({ f, i })));
    this.owner = Int32Array.from(segments.map((s) => s.i));
    const pick = [(f: IndexedField) => f.text, (f: IndexedField) => f.full, (f: IndexedField) => f.initials];
    this.forms = [];
    this.starts = [];
    for (const get of pick) {
      const starts = new Int32Array(segments.length);
      let offset = 0;
      const parts: string[] = [];
      segments.forEach((s, k) => {
        starts[k] = offset;
        const part = get(s.f);
        parts.push(part);
        offset += part.length + 1;
      });
      this.forms.push(parts.join("\u0000"));
      this.starts.push(starts);
    }
  }

  private segmentAt(form: number, offset: number) {
    const starts = this.starts[form];
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  candidates(query: SearchQuery): T[] {
    // the whole query as one word, or (several words) entries that contain every word
    const found = this.containing(query.whole);
    if (query.tokens.length > 1) {
      const count = new Uint8Array(this.entries.length);
      for (const t of query.tokens) for (const i of this.containing(t)) count[i] += 1;
      count.forEach((n, i) => {
        if (n === query.tokens.length) found.add(i);
      });
    }
    return [...found].map((i) => this.entries[i]);
  }

  /** Indexes of the entries with `t` (or its pinyin) somewhere in one of their forms. */
  private containing(t: SearchTerm): Set<number> {
    const found = new Set<number>();
    for (const needle of t.pinyin ? [t.text, t.pinyin] : [t.text]) {
      this.forms.forEach((haystack, form) => {
        let at = haystack.indexOf(needle);
        while (at >= 0) {
          const segment = this.segmentAt(form, at);
          found.add(this.owner[segment]);
          // jump to the next field: one hit per field is enough
          const next = this.starts[form][segment + 1];
          at = next === undefined ? -1 : haystack.indexOf(needle, next);
        }
      });
    }
    return found;
  }

  rank(query: SearchQuery) {
    return rankProducts(this.candidates(query), query);
  }
}
