/** The one row a table shows when it has nothing to list. */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: string }) {
  return (
    <tr>
      <td colSpan={colSpan} className="py-4 text-center text-stone-500">
        {children}
      </td>
    </tr>
  );
}
