import { GROWTH_STAGES, type GrowthStage } from "~/models/trees/season";

interface Entry {
  id: string;
  seasonYear: number;
  stage: string;
  text: string;
  createdAt: string;
  photos: { file: string }[];
}

/** The co-op's growth log, newest first, with its photos. */
export function GrowthLog({ entries }: { entries: Entry[] }) {
  if (entries.length === 0) return <p className="text-sm text-stone-500">合作社还没有发布生长日志。</p>;
  return (
    <ol className="space-y-4" aria-label="生长日志">
      {entries.map((e) => (
        <li key={e.id} className="rounded-lg border border-stone-200 bg-white p-3">
          <p className="text-sm">
            <span className="rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-800">{GROWTH_STAGES[e.stage as GrowthStage] ?? e.stage}</span>
            <span className="ml-2 text-stone-500">{e.seasonYear} 年 · {new Date(e.createdAt).toLocaleDateString("zh-CN", { timeZone: "Asia/Shanghai" })}</span>
          </p>
          <p className="mt-1 whitespace-pre-line">{e.text}</p>
          {e.photos.length ? (
            <div className="mt-2 flex flex-wrap gap-2">
              {e.photos.map((p) => (
                <img key={p.file} src={`/images/growth/${p.file}`} alt={`${GROWTH_STAGES[e.stage as GrowthStage] ?? ""}照片`} loading="lazy" className="h-28 w-36 rounded object-cover" />
              ))}
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
