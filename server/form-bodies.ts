import type { RequestHandler } from "express";
import { refuse } from "./refusal";

// Actions read HTML form submissions. Anything else sent to them (JSON, XML, a bare body) used to
// reach `request.formData()` and fail as a 500; it is now a 415 before the app is involved.

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];
/** Endpoints with a body of their own kind (Stripe's webhook is JSON). */
const OTHER_BODIES = [/^\/webhooks\/stripe\/?$/];

export function formBodiesOnly(): RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    if (OTHER_BODIES.some((path) => path.test(req.path))) return next();
    const type = (req.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    const empty = !type && (req.get("content-length") ?? "0") === "0" && !req.get("transfer-encoding");
    if (empty || FORM_TYPES.includes(type)) return next();
    refuse(req, res, 415, "只接受网页表单提交的内容。");
  };
}
