// A real SMTP server on loopback (smtp-server, from nodemailer's authors) standing in for the mail
// provider: it receives what the store's nodemailer transport sends, parses it (mailparser) and
// keeps it. It can refuse addresses, hang after the message, stop listening (connection refused)
// and run a hook once a message has arrived but before it is acknowledged — the moment a sender
// that dies leaves a message delivered but not recorded. With `httpPort` it also serves what it
// received as JSON (GET /messages), so the browser suite can read the mail the server sent.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  receivedAt: string;
}

export async function startFakeSmtp(options: { port?: number; httpPort?: number } = {}) {
  const received: ReceivedMail[] = [];
  const refused = new Map<string, string>();
  let hang = false;
  // acknowledgements held back while hanging; released (as a deferral) when hanging stops
  const held: (() => void)[] = [];
  let beforeAck: ((mail: ReceivedMail) => void | Promise<void>) | null = null;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 500,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      const reason = refused.get(address.address.toLowerCase());
      if (reason) {
        const error = new Error(reason) as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          const mail: ReceivedMail = {
            messageId: parsed.messageId ?? "",
            from: parsed.from?.text ?? "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            receivedAt: new Date().toISOString(),
          };
          received.push(mail);
          if (beforeAck) await beforeAck(mail);
          if (hang) {
            // never acknowledge: the client cannot tell whether the message arrived
            held.push(() => callback(Object.assign(new Error("try again later"), { responseCode: 451 })));
            return;
          }
          callback(null, `Ok: queued as ${received.length}`);
        })
        .catch((error: Error) => callback(error));
    },
  });

  let port = options.port ?? 0;
  const listen = () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  await listen();
  port = (server.server.address() as AddressInfo).port;

  let inbox: http.Server | null = null;
  if (options.httpPort !== undefined) {
    inbox = http.createServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(req.url?.startsWith("/messages") ? received : []));
    });
    await new Promise<void>((resolve) => inbox!.listen(options.httpPort, "127.0.0.1", () => resolve()));
  }

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    inboxUrl: inbox ? `http://127.0.0.1:${(inbox.address() as AddressInfo).port}/messages` : null,
    received,
    to: (address: string) => received.filter((m) => m.to.includes(address)),
    refuse(address: string, reason = "Mailbox unavailable") {
      refused.set(address.toLowerCase(), reason);
    },
    hang(on: boolean) {
      hang = on;
      if (!on) held.splice(0).forEach((release) => release());
    },
    beforeAck(hook: typeof beforeAck) {
      beforeAck = hook;
    },
    /** Stop listening (connections are refused) until start() is called. */
    stop: () => new Promise<void>((resolve) => server.server.close(() => resolve())),
    start: listen,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (inbox) await new Promise<void>((resolve) => inbox!.close(() => resolve()));
    },
  };
}

export type FakeSmtp = Awaited<ReturnType<typeof startFakeSmtp>>;

/** The mail received for `address`, read from a fake's HTTP inbox (another process's fake). */
export async function readInbox(inboxUrl: string, address: string): Promise<ReceivedMail[]> {
  const all = (await (await fetch(inboxUrl)).json()) as ReceivedMail[];
  return all.filter((m) => m.to.includes(address));
}
