// E-mails in the store's look: the 陇货通 header in the brand colour, short paragraphs, a table of
// facts, one button, and the same content as plain text for mail clients that prefer it. Rendered
// with React (escaping included) into HTML with inline styles and tables, which is what mail
// clients understand. A link given as a path is made absolute against the site's address.
import { renderToStaticMarkup } from "react-dom/server";

export interface EmailContent {
  /** "张三，您好：" */
  greeting?: string;
  paragraphs: string[];
  /** Label and value pairs (order number, amount, courier …). */
  facts?: [label: string, value: string][];
  action?: { label: string; url: string };
  /** Small print under the button, e.g. "如非本人操作请忽略此邮件。" */
  note?: string;
}

const BRAND = "#9a3412";
const BRAND_DARK = "#7c2d12";
const INK = "#1c1917";
const MUTED = "#78716c";
const FONT = "'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC',sans-serif";

export function renderEmail(input: { subject: string; content: EmailContent; siteUrl: string; preferencesUrl?: string }) {
  if (!/^https?:\/\//.test(input.siteUrl)) throw new Error(`the site's address must be absolute, got ${input.siteUrl}`);
  const subject = input.subject;
  const content = input.content.action ? { ...input.content, action: { ...input.content.action, url: new URL(input.content.action.url, input.siteUrl).href } } : input.content;
  const html =
    "<!doctype html>" +
    renderToStaticMarkup(
      <html lang="zh-CN">
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{subject}</title>
        </head>
        <body style={{ margin: 0, padding: 0, background: "#fafaf9", fontFamily: FONT, color: INK }}>
          <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ background: "#fafaf9" }}>
            <tbody>
              <tr>
                <td align="center" style={{ padding: "24px 12px" }}>
                  <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ maxWidth: 560, background: "#ffffff", border: "1px solid #e7e5e4", borderRadius: 8 }}>
                    <tbody>
                      <tr>
                        <td style={{ padding: "16px 24px", borderBottom: `3px solid ${BRAND}` }}>
                          <a href={input.siteUrl} style={{ color: BRAND_DARK, fontSize: 22, fontWeight: 700, textDecoration: "none" }}>陇货通</a>
                          <span style={{ color: MUTED, fontSize: 12, marginLeft: 8 }}>甘肃消费帮扶特色产品</span>
                        </td>
                      </tr>
                      <tr>
                        <td style={{ padding: "20px 24px", fontSize: 15, lineHeight: 1.7 }}>
                          {content.greeting ? <p style={{ margin: "0 0 12px" }}>{content.greeting}</p> : null}
                          {content.paragraphs.map((p, i) => (
                            <p key={i} style={{ margin: "0 0 12px" }}>{p}</p>
                          ))}
                          {content.facts?.length ? (
                            <table role="presentation" cellPadding={0} cellSpacing={0} style={{ margin: "8px 0 16px", fontSize: 14 }}>
                              <tbody>
                                {content.facts.map(([label, value]) => (
                                  <tr key={label}>
                                    <td style={{ color: MUTED, padding: "2px 16px 2px 0", whiteSpace: "nowrap", verticalAlign: "top" }}>{label}</td>
                                    <td style={{ padding: "2px 0" }}>{value}</td>
                                  </tr>
                                ))}
                              </tbody>
                            </table>
                          ) : null}
                          {content.action ? (
                            <p style={{ margin: "20px 0" }}>
                              <a href={content.action.url} style={{ display: "inline-block", background: BRAND, color: "#ffffff", padding: "10px 20px", borderRadius: 6, textDecoration: "none", fontWeight: 600 }}>
                                {content.action.label}
                              </a>
                            </p>
                          ) : null}
                          {content.action ? (
                            <p style={{ margin: "0 0 12px", fontSize: 12, color: MUTED, wordBreak: "break-all" }}>
                              按钮无法打开时，请复制此链接到浏览器：<a href={content.action.url} style={{ color: BRAND }}>{content.action.url}</a>
                            </p>
                          ) : null}
                          {content.note ? <p style={{ margin: "12px 0 0", fontSize: 13, color: MUTED }}>{content.note}</p> : null}
                        </td>
                      </tr>
                      <tr>
                        <td style={{ padding: "12px 24px 16px", borderTop: "1px solid #e7e5e4", fontSize: 12, color: MUTED, lineHeight: 1.6 }}>
                          陇货通 · 东西部协作消费帮扶平台 · 甘货进津 · 陇货入闽 · 陇货入鲁
                          <br />
                          此邮件由系统发送，请勿直接回复。
                          {input.preferencesUrl ? (
                            <>
                              {" "}
                              不想收到此类通知？<a href={input.preferencesUrl} style={{ color: BRAND }}>通知设置</a>
                            </>
                          ) : null}
                        </td>
                      </tr>
                    </tbody>
                  </table>
                </td>
              </tr>
            </tbody>
          </table>
        </body>
      </html>,
    );
  const lines: string[] = [];
  if (content.greeting) lines.push(content.greeting, "");
  for (const p of content.paragraphs) lines.push(p, "");
  for (const [label, value] of content.facts ?? []) lines.push(`${label}：${value}`);
  if (content.facts?.length) lines.push("");
  if (content.action) lines.push(`${content.action.label}：${content.action.url}`, "");
  if (content.note) lines.push(content.note, "");
  lines.push("——", "陇货通 · 东西部协作消费帮扶平台", input.siteUrl);
  if (input.preferencesUrl) lines.push(`通知设置：${input.preferencesUrl}`);
  return { html, text: lines.join("\n") };
}
