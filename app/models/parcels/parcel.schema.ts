import * as z from "zod";
import { COURIER_NAMES, normaliseTrackingNumber, trackingNumberProblem } from "~/models/parcels/couriers";

/** Courier and tracking number, checked against that courier's format (shipping, returns). */
export const courierFields = {
  courier: z.enum(COURIER_NAMES, { message: "请选择快递公司" }),
  trackingNumber: z.string().trim().min(1, "请填写运单号").max(40, "运单号过长").transform(normaliseTrackingNumber),
};

export function checkTracking(value: { courier: string; trackingNumber: string }, ctx: z.RefinementCtx) {
  const problem = trackingNumberProblem(value.courier, value.trackingNumber);
  if (problem) ctx.addIssue({ code: "custom", path: ["trackingNumber"], message: problem });
}

/** Marking one parcel shipped (the co-op, or staff on its behalf). */
export const shipParcelSchema = z.object({ parcelId: z.string().min(1), ...courierFields }).superRefine(checkTracking);
export type ShipParcelInput = z.infer<typeof shipParcelSchema>;

/** The buyer confirming a parcel arrived (确认收货). */
export const confirmReceiptSchema = z.object({ parcelId: z.string().min(1) });
