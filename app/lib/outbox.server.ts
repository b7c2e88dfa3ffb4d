import type { Tx } from "~/db.server";

/**
 * E-mails are written to the outbox in the same transaction as the change they announce, so an
 * e-mail exists exactly when its order change does. A sender process (not yet built) delivers them;
 * in development they are printed so you can see them.
 */
export async function queueEmail(tx: Tx, email: { to: string; subject: string; body: string }) {
  const row = await tx.outboxEmail.create({ data: email, select: { id: true } });
  if (process.env.NODE_ENV === "development") {
    console.log(`[outbox] → ${email.to}: ${email.subject}\n${email.body}\n`);
  }
  return row.id;
}
