import { Form, useLocation, type FormProps } from "@remix-run/react";
import { useState } from "react";

/**
 * A GET form of filters whose fields show what the URL says. Filter fields are uncontrolled
 * (`defaultValue`), and React reads a default only when a field mounts: after a client-side
 * navigation (a category chip, a report drill-down, the back button) the old choice stayed on
 * screen and the next 筛选 sent it, dropping the filter the URL had. Keying the form by the query
 * string mounts it afresh for every URL, so every field starts from the loader's values again.
 */
export function FilterForm(props: Omit<FormProps, "method">) {
  const { search } = useLocation();
  return <Form key={search} method="get" {...props} />;
}

export interface PrefectureOption {
  slug: string;
  name: string;
}
export interface CountyOption {
  slug: string;
  name: string;
  /** the county's prefecture slug */
  prefecture: string;
}

/**
 * 市州 and 区县, linked: choosing a 市州 limits the 区县 list to its counties (and clears a county
 * from elsewhere); choosing a 区县 sets its 市州. Without JavaScript both lists are whole and the
 * server reads the county's prefecture from the county (see `placeFilters`).
 */
export function PlaceSelects({
  prefectures,
  counties,
  prefecture,
  county,
  className,
  labelClassName,
  prefectureAll = "全部市州",
  countyAll = "全部区县",
}: {
  prefectures: PrefectureOption[];
  counties: CountyOption[];
  prefecture?: string;
  county?: string;
  className: string;
  labelClassName: string;
  prefectureAll?: string;
  countyAll?: string;
}) {
  const [chosen, setChosen] = useState({ prefecture: prefecture ?? "", county: county ?? "" });
  const shown = chosen.prefecture ? counties.filter((c) => c.prefecture === chosen.prefecture) : counties;
  return (
    <>
      <label className={labelClassName}>
        市州
        <select
          name="prefecture"
          value={chosen.prefecture}
          onChange={(e) => {
            const next = e.target.value;
            const keep = counties.find((c) => c.slug === chosen.county)?.prefecture === next;
            setChosen({ prefecture: next, county: keep ? chosen.county : "" });
          }}
          className={className}
        >
          <option value="">{prefectureAll}</option>
          {prefectures.map((p) => (
            <option key={p.slug} value={p.slug}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className={labelClassName}>
        区县
        <select
          name="county"
          value={chosen.county}
          onChange={(e) => {
            const next = e.target.value;
            const of = counties.find((c) => c.slug === next)?.prefecture;
            setChosen({ prefecture: of ?? chosen.prefecture, county: next });
          }}
          className={className}
        >
          <option value="">{countyAll}</option>
          {shown.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

/** 最低价 / 最高价 in whole yuan (the filters' `min` and `max`). */
export function PriceRange({ min, max, className, labelClassName }: { min?: number; max?: number; className: string; labelClassName: string }) {
  return (
    <>
      <label className={labelClassName}>
        最低价（元）
        <input name="min" inputMode="numeric" pattern="\d*" defaultValue={min ?? ""} className={className} />
      </label>
      <label className={labelClassName}>
        最高价（元）
        <input name="max" inputMode="numeric" pattern="\d*" defaultValue={max ?? ""} className={className} />
      </label>
    </>
  );
}
