import { formatChinaDateTime } from "~/lib/china-time";
import { AUDIT_KIND_LABELS, auditReason, auditValue, type AuditKind } from "~/models/audit/trail";

export interface AuditRowData {
  id: string;
  kind: string;
  subject: string;
  before: string | null;
  after: string | null;
  delta: number | null;
  reason: string | null;
  createdAt: string;
  actor: { name: string } | null;
}

/** Who changed what, when, before → after: the same list for the co-op and for staff. */
export function AuditTrail({ rows, empty = "还没有变更记录。" }: { rows: AuditRowData[]; empty?: string }) {
  if (rows.length === 0) return <p className="text-sm text-stone-500">{empty}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <thead className="border-b border-stone-300 text-stone-500">
          <tr><th className="py-2">时间</th><th>项目</th><th>变更</th><th>操作人</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const why = auditReason(r.kind, r.reason);
            return (
              <tr key={r.id} className="border-b border-stone-100 align-top">
                <td className="whitespace-nowrap py-1.5 tabular-nums">{formatChinaDateTime(new Date(r.createdAt))}</td>
                <td className="whitespace-nowrap">{AUDIT_KIND_LABELS[r.kind as AuditKind] ?? r.kind}{r.subject ? ` · ${r.subject}` : ""}</td>
                <td>
                  {auditValue(r.kind, r.before)} → {auditValue(r.kind, r.after)}
                  {r.delta !== null ? <span className="ml-1 tabular-nums text-stone-500">（{r.delta > 0 ? `+${r.delta}` : r.delta}）</span> : null}
                  {why ? <span className="block text-xs text-stone-500">{why}</span> : null}
                </td>
                <td className="whitespace-nowrap">{r.actor?.name ?? "系统"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
