import { formatChinaDateTime } from "~/lib/china-time";

/**
 * How fresh the impact figures are. Payments reach the rollups in batches a moment after they are
 * paid (docs/decisions/0016); pages read them after adding what is queued, so this is normally
 * "now" — and says so plainly when some payments could not be added yet.
 */
export function RollupsAsOf({ rollups }: { rollups: { asOf: string; pending: number } }) {
  return (
    <p className="text-xs text-stone-500" data-testid="rollups-as-of">
      数据截至 {formatChinaDateTime(new Date(rollups.asOf))}（北京时间）
      {rollups.pending > 0 ? `，另有 ${rollups.pending} 笔付款正在汇总，稍后刷新可见` : ""}
    </p>
  );
}
