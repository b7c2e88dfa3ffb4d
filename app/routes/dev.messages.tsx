import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatChinaDateTime } from "~/lib/china-time";
import { requireDevPages } from "~/lib/dev-only.server";
import { CHANNEL_LABELS, MESSAGE_STATUS_LABELS, type Channel, type MessageStatus } from "~/models/messages/kinds";
import { devMessages } from "~/models/messages/message-log.server";

// Development only: every e-mail and SMS the demo sent, newest first, so a newcomer can follow an
// invitation or a reset link without a mail server. Production answers 404 (lib/dev-only.server).
export async function loader(_: LoaderFunctionArgs) {
  requireDevPages();
  return json({ messages: await devMessages() });
}

/** The text with its web addresses as links. */
function Linked({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s，。；）]+)/g);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} className="break-all text-brand-700 underline">
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export default function DevMessages() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-bold">开发环境 · 已发送的消息</h1>
      <p className="text-sm text-stone-600">演示环境发出的每一封邮件和每一条短信，最新的在前。链接可直接点击（例如单位邀请、付款提醒）。此页面只在开发环境存在。</p>
      {messages.length === 0 ? <p className="text-sm text-stone-500">还没有消息。试试在「单位采购 → 成员」中邀请一位同事。</p> : null}
      <ol className="space-y-3">
        {messages.map((m) => (
          <li key={m.id} className="rounded border border-stone-200 bg-white p-4" data-testid="dev-message">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="rounded bg-stone-100 px-2 py-0.5 text-xs">{CHANNEL_LABELS[m.channel as Channel] ?? m.channel}</span>
              <span className="text-xs text-stone-500">{MESSAGE_STATUS_LABELS[m.status as MessageStatus] ?? m.status}</span>
              <span className="text-xs text-stone-500">{formatChinaDateTime(new Date(m.createdAt))}</span>
              <span className="text-stone-600">→ {m.to}</span>
            </div>
            <h2 className="mt-1 font-semibold">{m.subject}</h2>
            <pre className="mt-2 whitespace-pre-wrap break-words font-sans text-sm leading-relaxed">
              <Linked text={m.text} />
            </pre>
            {m.html ? (
              <a href={`/dev/messages/${m.id}`} target="_blank" rel="noreferrer" className="mt-2 inline-block text-sm text-brand-700 underline">
                查看邮件原样（HTML）
              </a>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "已发送的消息 · 开发环境" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
