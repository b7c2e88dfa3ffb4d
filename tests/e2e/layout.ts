import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * What makes a page unreadable on a phone, measured in the browser:
 * - the page scrolls sideways (something wider than the screen);
 * - a text wraps into a column narrower than 4 characters (the cart once set product names one
 *   character per line);
 * - two table cells' texts touch on one line (an order table once read "¥58.001" for ¥58.00 × 1).
 * Each problem names the text so a failure says where to look.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(LAYOUT_PROBLEMS) as Promise<string[]>;
}

// Plain JavaScript in a string: the test runner's transform would otherwise name the inner
// functions with a helper the page does not have.
const LAYOUT_PROBLEMS = `(() => {
  const problems = [];
  const doc = document.documentElement;
  const visible = (el) => {
    const style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none" && !el.closest("[aria-hidden=true], .sr-only");
  };
  if (doc.scrollWidth > doc.clientWidth + 1) {
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1)
      .filter((el) => { for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return false; return true; })
      .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > doc.clientWidth + 1));
    problems.push("scrolls sideways: " + doc.scrollWidth + "px > " + doc.clientWidth + "px (" +
      wide.slice(0, 3).map((el) => "<" + el.tagName.toLowerCase() + "> " + JSON.stringify((el.textContent || "").trim().slice(0, 20))).join(", ") + ")");
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent || "").trim();
    const parent = node.parentElement;
    if (text.length < 4 || !parent || !visible(parent)) continue;
    if (parent.closest("script, style, noscript, svg, option")) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    if (rects.length === 0) continue;
    const lines = new Set(rects.map((r) => Math.round(r.top))).size;
    if (lines < 2) continue; // only a text that wraps can be squeezed
    let box = parent;
    while (box.parentElement && getComputedStyle(box).display === "inline") box = box.parentElement;
    const style = getComputedStyle(box);
    const width = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const fontSize = parseFloat(getComputedStyle(parent).fontSize);
    // the column the text wraps in: 4 ideographs are 4 em wide
    if (width < 4 * fontSize - 1) problems.push("narrow column (" + Math.round(width) + "px, " + lines + " lines): " + JSON.stringify(text.slice(0, 24)));
  }
  for (const row of document.querySelectorAll("tr")) {
    if (!visible(row)) continue;
    const cells = [...row.children].filter((c) => visible(c) && (c.textContent || "").trim());
    const boxes = cells.map((c) => {
      const range = document.createRange();
      range.selectNodeContents(c);
      return range.getBoundingClientRect();
    });
    for (let i = 1; i < boxes.length; i++) {
      const a = boxes[i - 1], b = boxes[i];
      const sameLine = a.top < b.bottom && b.top < a.bottom;
      if (sameLine && b.left >= a.left && b.left - a.right < 6) {
        problems.push("cells run together: " + JSON.stringify((cells[i - 1].textContent || "").trim().slice(0, 16)) + " | " + JSON.stringify((cells[i].textContent || "").trim().slice(0, 16)));
      }
    }
  }
  return problems;
})()`;

/** Links, buttons and form controls a finger must hit: smaller than 44 px tall (WCAG 2.5.5's size). */
export async function smallTapTargets(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) =>
    els
      .filter((el) => el.getBoundingClientRect().width > 0)
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 43.5)
      .map(({ el, box }) => `"${(el.textContent || el.getAttribute("aria-label") || el.getAttribute("placeholder") || "").trim().slice(0, 16)}" ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
}

/** axe's serious and critical findings (WCAG 2 A/AA rules), one line each with the first places. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}
