// `npm run mailer`: delivers the outbox in a process of its own, for deployments that would rather
// not send from the web processes (set MESSAGE_SEND_INTERVAL_SECONDS=0 on those). Safe beside them
// and beside another mailer: each row is claimed before it is sent (decision 0009).
//   --once          deliver what is due now and exit (cron, tests)
//   --interval=N    seconds between passes when there was nothing to send (default 2)
// Stops after the pass in progress on SIGTERM / SIGINT, so no claimed message is left half-recorded.
// Like `npm start`, it runs as production unless NODE_ENV says otherwise: a mailer that fell back to
// the development capture would mark messages sent that never left.
process.env.NODE_ENV ||= "production";
const { configuredTransports, deliverDue } = await import("~/models/messages/sender.server");

const once = process.argv.includes("--once");
const interval = Number(/--interval=(\d+)/.exec(process.argv.join(" "))?.[1] ?? 2);
const { transports, describe, close } = configuredTransports();
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => (stopping = true));

console.log(`[mailer] ${once ? "one pass" : `polling every ${interval} s`}: ${describe}`);
while (!stopping) {
  const report = await deliverDue({ transports, log: (line) => console.log(line) });
  if (report.abandoned) console.log(`[mailer] ${report.abandoned} message(s) left mid-send by a stopped sender marked 未确认 for staff`);
  if (once) break;
  if (report.claimed === 0) await new Promise((resolve) => setTimeout(resolve, interval * 1000));
}
close();
process.exit(0);
export {};
