/** The problems an import found, by row and column, with nothing imported. */
export function RowErrors({ errors, nothingOf }: { errors: { row: number; column: string | null; field: string | null; message: string }[]; nothingOf: string }) {
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm">
      <p className="font-medium text-red-800">文件有 {errors.length} 处问题，未导入任何{nothingOf}：</p>
      <table className="mt-2 text-left">
        <thead><tr><th className="pr-4">行</th><th className="pr-4">列</th><th>问题</th></tr></thead>
        <tbody>
          {errors.slice(0, 200).map((e, i) => (
            <tr key={i}><td className="pr-4">{e.row || "—"}</td><td className="pr-4">{e.column ?? "—"}{e.field ? `（${e.field}）` : ""}</td><td>{e.message}</td></tr>
          ))}
        </tbody>
      </table>
      {errors.length > 200 ? <p className="mt-1">……另有 {errors.length - 200} 处</p> : null}
    </div>
  );
}
