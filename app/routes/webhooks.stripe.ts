import { json, type ActionFunctionArgs } from "@remix-run/node";
import { getStripe, webhookSecret } from "~/lib/stripe.server";
import { handleStripeEvent } from "~/models/orders/payment.server";

export function loader() {
  return json({ error: "method not allowed" }, { status: 405 });
}

// POST /webhooks/stripe — Stripe's server calls this; there is no user. The signature is checked
// on the raw body (Stripe-Signature, 5-minute tolerance); anything unsigned, tampered or stale is 400.
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return json({ error: "method not allowed" }, { status: 405 });
  const stripe = getStripe();
  const secret = webhookSecret();
  if (!stripe || !secret) return json({ error: "stripe is not configured" }, { status: 404 });
  const signature = request.headers.get("stripe-signature");
  if (!signature) return json({ error: "missing signature" }, { status: 400 });
  const payload = await request.text();
  let event;
  try {
    event = stripe.webhooks.constructEvent(payload, signature, secret);
  } catch {
    return json({ error: "invalid signature" }, { status: 400 });
  }
  const outcome = await handleStripeEvent(event);
  return json({ received: true, outcome });
}
