/** A co-op's buyer rating, as stars and a count (nothing when no buyer has rated it yet). */
export function CoopRating({ rating }: { rating: { average: number; count: number } | null | undefined }) {
  if (!rating) return null;
  const full = Math.round(rating.average);
  return (
    <span className="whitespace-nowrap text-sm" aria-label={`买家评分 ${rating.average.toFixed(1)} 分，共 ${rating.count} 条评价`}>
      <span className="text-amber-600" aria-hidden>
        {"★".repeat(full)}
        {"☆".repeat(5 - full)}
      </span>{" "}
      {rating.average.toFixed(1)}（{rating.count} 条评价）
    </span>
  );
}
