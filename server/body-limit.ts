import { Transform, type Readable } from "node:stream";
import type { RequestHandler } from "express";
import { refuse } from "./refusal";

// Every request body has a byte limit, checked on Content-Length before anything is read and again
// while it streams in (a chunked body, or a client that lies about its length). Ordinary forms get
// 1 MB; each upload route its own file limit plus room for the other fields and the multipart
// framing. The table's file limits are the ones the models apply (server/body-limit.test.ts checks).

const MB = 1024 * 1024;
export const FORM_LIMIT_BYTES = 1 * MB;
const MULTIPART_MARGIN_BYTES = 64 * 1024;

export const UPLOAD_ROUTES: { route: string; path: RegExp; fileBytes: number }[] = [
  { route: "admin.households", path: /^\/admin\/households\/?$/, fileBytes: 4 * MB },
  { route: "org.orders.$number", path: /^\/org\/orders\/[^/]+\/?$/, fileBytes: 8 * MB },
  { route: "coop.orders", path: /^\/coop\/orders\/?$/, fileBytes: 2 * MB },
  // up to 3 photos of 5 MB each
  { route: "orders.$number_.after-sales", path: /^\/orders\/[^/]+\/after-sales\/?$/, fileBytes: 3 * 5 * MB },
  // These cap their own bodies (app/lib/upload-limits.ts) and say so beside the field; the
  // server's limit sits just above, so only a body past what the page explains gets the 413 page.
  { route: "coop_.apply", path: /^\/coop\/apply\/?$/, fileBytes: 10 * MB + 256 * 1024 },
  { route: "org.register", path: /^\/org\/register\/?$/, fileBytes: 10 * MB + 256 * 1024 },
  { route: "coop.products.$slug_.certificate", path: /^\/coop\/products\/[^/]+\/certificate\/?$/, fileBytes: 10 * MB + 256 * 1024 },
  { route: "coop.products.$slug_.photos", path: /^\/coop\/products\/[^/]+\/photos\/?$/, fileBytes: 4 * 10 * MB + 256 * 1024 },
  // a growth-log entry: up to 6 photos of 5 MB each
  { route: "coop.trees.$slug", path: /^\/coop\/trees\/[^/]+\/?$/, fileBytes: 6 * 5 * MB },
  // a batch's certificate scan (10 MB); an issued or red-letter 发票 PDF (5 MB), by staff or the co-op
  { route: "coop.batches.new", path: /^\/coop\/batches\/new\/?$/, fileBytes: 10 * MB },
  { route: "coop.invoices", path: /^\/coop\/invoices\/?$/, fileBytes: 5 * MB },
  { route: "admin.invoices", path: /^\/admin\/invoices\/?$/, fileBytes: 5 * MB },
  // the platform account's bank statement (CSV/XLSX)
  { route: "admin.bank-transfers", path: /^\/admin\/bank-transfers\/?$/, fileBytes: 2 * MB },
];

export function bodyLimitFor(path: string) {
  const upload = UPLOAD_ROUTES.find((u) => u.path.test(path));
  return upload ? upload.fileBytes + MULTIPART_MARGIN_BYTES : FORM_LIMIT_BYTES;
}

function tooLargeMessage(limit: number) {
  const size = limit >= MB ? `${Math.floor(limit / MB)} MB` : `${Math.floor(limit / 1024)} KB`;
  return `提交的内容超过 ${size} 的上限，未被处理。上传文件请拆分后分批导入。`;
}

/** How much more of a refused body is read and discarded before the connection is cut. */
const DRAIN_BYTES = 8 * MB;

/** The request body the app may read: the raw one counted, refused with 413 past the limit. */
export function bodyLimit(): RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const limit = bodyLimitFor(req.path);
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) return refuse(req, res, 413, tooLargeMessage(limit));
    let seen = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        seen += chunk.length;
        if (seen <= limit) return callback(null, chunk);
        // The rest is read and thrown away, up to DRAIN_BYTES more, so the client can finish
        // sending and read the 413; a sender that keeps going past that is cut off.
        refuse(req, res, 413, tooLargeMessage(limit), { draining: true });
        req.unpipe(counted);
        let drained = 0;
        req.on("data", (more: Buffer) => {
          drained += more.length;
          if (drained > DRAIN_BYTES) req.destroy();
        });
        req.resume();
        callback(new Error("request body over its limit"));
      },
    });
    res.locals.body = req.pipe(counted) as Readable;
    next();
  };
}
