import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatChinaDateTime } from "~/lib/china-time";
import { errorResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { CHANNEL_LABELS, isMessageFilter, isNoticeKind, MESSAGE_FILTERS, MESSAGE_STATUS_LABELS, NOTICE_KINDS, type Channel, type MessageFilter, type MessageStatus } from "~/models/messages/kinds";
import { resendMessageSchema } from "~/models/messages/message-log.schema";
import { listMessages, resendMessage } from "~/models/messages/message-log.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const asked = new URL(request.url).searchParams.get("status");
  const filter: MessageFilter = isMessageFilter(asked) ? asked : "failed";
  return json({ filter, ...(await listMessages(filter)) });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, "staff");
  const parsed = parseForm(resendMessageSchema, await request.formData());
  if (!parsed.ok) return json({ error: "请求无效" }, { status: 400 });
  try {
    await resendMessage(parsed.data.id);
  } catch (error) {
    return errorResponse(error);
  }
  return json({ error: null }, { headers: await flash(request, "已重新加入发送队列") });
}

const TONE: Record<MessageStatus, string> = {
  PENDING: "bg-amber-100 text-amber-800",
  SENDING: "bg-amber-100 text-amber-800",
  SENT: "bg-emerald-100 text-emerald-800",
  FAILED: "bg-red-100 text-red-800",
  UNKNOWN: "bg-orange-100 text-orange-800",
};

export default function AdminMessages() {
  const { filter, counts, messages } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">消息发送</h1>
      <p className="text-sm text-stone-600">
        邮件与短信在业务发生时写入发送队列，由发送程序投递；连接失败会按 30 秒起、逐次加倍的间隔自动重试。「未确认」表示服务商可能已收到但没有应答，系统不会自动重发，请按消息编号到服务商后台核对后再决定。
      </p>
      <nav aria-label="按状态筛选" className="flex flex-wrap gap-2 text-sm">
        {(Object.keys(MESSAGE_FILTERS) as MessageFilter[]).map((f) => (
          <Link key={f} to={`?status=${f}`} className={`rounded px-3 py-1 ${f === filter ? "bg-stone-800 text-white" : "bg-white ring-1 ring-stone-300 hover:bg-stone-100"}`} aria-current={f === filter ? "page" : undefined}>
            {MESSAGE_FILTERS[f].label}（{counts[f]}）
          </Link>
        ))}
      </nav>
      {messages.length === 0 ? <p className="text-sm text-stone-500">没有{MESSAGE_FILTERS[filter].label}的消息。</p> : null}
      <ul className="space-y-2">
        {messages.map((m) => {
          const status = m.status as MessageStatus;
          return (
            <li key={m.id} className="rounded border border-stone-200 bg-white p-3 text-sm" data-testid={`message-${m.id}`}>
              <div className="flex flex-wrap items-center gap-2">
                <span className={`rounded px-2 py-0.5 text-xs font-medium ${TONE[status] ?? ""}`}>{MESSAGE_STATUS_LABELS[status] ?? m.status}</span>
                <span className="rounded bg-stone-100 px-2 py-0.5 text-xs">{CHANNEL_LABELS[m.channel as Channel] ?? m.channel}</span>
                <span className="text-xs text-stone-500">{isNoticeKind(m.kind) ? NOTICE_KINDS[m.kind].label : m.kind}</span>
                <span className="font-medium">{m.subject}</span>
                <span className="text-stone-600">→ {m.to}</span>
              </div>
              <div className="mt-1 flex flex-wrap gap-x-4 text-xs text-stone-500">
                <span>写入 {formatChinaDateTime(new Date(m.createdAt))}</span>
                <span>尝试 {m.attempts} 次</span>
                {m.sentAt ? <span>发出 {formatChinaDateTime(new Date(m.sentAt))}</span> : null}
                {status === "PENDING" && m.attempts > 0 ? <span>下次 {formatChinaDateTime(new Date(m.nextAttemptAt))}</span> : null}
                <span className="break-all">消息编号 {m.id}</span>
                {m.providerId ? <span className="break-all">服务商编号 {m.providerId}</span> : null}
              </div>
              {m.lastError ? <p className="mt-1 break-all text-red-800">{m.lastError}</p> : null}
              {status === "FAILED" || status === "UNKNOWN" ? (
                <Form method="post" className="mt-2">
                  <input type="hidden" name="id" value={m.id} />
                  <button name="intent" value="resend" className="rounded border border-stone-300 px-3 py-1 hover:bg-stone-100" disabled={navigation.state === "submitting"}>
                    重新发送
                  </button>
                </Form>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "消息发送 · 管理后台" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
