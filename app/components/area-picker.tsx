import { useEffect, useState, type ChangeEvent } from "react";
import { areasUrl, type AreaOptions } from "~/models/addresses/areas";
import { Field, inputClass } from "./form";

type AreaField = "province" | "city" | "district";

interface AreaPickerProps {
  /** the lists for the starting values, from the loader's `areaOptions` */
  options: AreaOptions;
  values?: Partial<Record<AreaField, string | undefined>>;
  errors?: Partial<Record<AreaField, string | undefined>>;
  /** react-hook-form's register, when the form is a validated one; plain named fields otherwise */
  register?: (name: string, rules?: { onChange?: (event: ChangeEvent<HTMLSelectElement | HTMLInputElement>) => void }) => object;
  setValue?: (name: string, value: string) => void;
  /** the form's names for the three fields, when they are not province / city / district (a page with several addresses) */
  names?: Partial<Record<AreaField, string>>;
  disabled?: boolean;
}

/**
 * 省 / 市 / 区县 as three linked selects. The server renders the lists for the starting values, so
 * without JavaScript a known address shows complete, and a level whose list is not known yet is a
 * text field the server checks against the same divisions. With JavaScript, picking a province
 * fetches its cities (and a city its districts) from /areas: the browser never loads the whole list.
 */
export function AreaPicker({ options, values = {}, errors = {}, register, setValue, names = {}, disabled }: AreaPickerProps) {
  const [cities, setCities] = useState(options.cities);
  const [districts, setDistricts] = useState(options.districts);
  const [province, setProvince] = useState(values.province ?? "");
  const [city, setCity] = useState(values.city ?? "");

  useEffect(() => {
    if (!province) return setCities([]);
    if (cities.length && province === values.province) return;
    let current = true;
    fetch(areasUrl(province))
      .then((r) => (r.ok ? r.json() : { cities: [] }))
      .then((data: { cities?: string[] }) => current && setCities(data.cities ?? []))
      .catch(() => undefined);
    return () => {
      current = false;
    };
    // only a new province asks again
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [province]);

  useEffect(() => {
    if (!province || !city) return setDistricts([]);
    if (districts.length && city === values.city) return;
    let current = true;
    fetch(areasUrl(province, city))
      .then((r) => (r.ok ? r.json() : { districts: [] }))
      .then((data: { districts?: string[] }) => current && setDistricts(data.districts ?? []))
      .catch(() => undefined);
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [province, city]);

  const id = (name: AreaField) => names[name] ?? name;
  const field = (name: AreaField, onChange?: (value: string) => void) => {
    const handler = onChange ? (event: ChangeEvent<HTMLSelectElement | HTMLInputElement>) => onChange(event.target.value) : undefined;
    return register ? register(id(name), { onChange: handler }) : { name: id(name), defaultValue: values[name] ?? "", onChange: handler };
  };
  const reset = (name: AreaField) => setValue?.(id(name), "");
  // a level is a select once its list is known, a text field before: the same attributes either way
  const attributes = (name: AreaField, onChange?: (value: string) => void) => ({
    id: id(name),
    className: inputClass,
    disabled,
    "aria-invalid": Boolean(errors[name]),
    "aria-describedby": errors[name] ? `${id(name)}-error` : undefined,
    defaultValue: values[name] ?? "",
    ...field(name, onChange),
  });

  const select = (name: AreaField, list: string[], onChange?: (value: string) => void) => (
    <select {...attributes(name, onChange)}>
      <option value="">请选择</option>
      {list.map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </select>
  );
  const text = (name: AreaField, onChange?: (value: string) => void) => (
    <input {...attributes(name, onChange)} />
  );

  return (
    <>
      <Field label="省份" name={id("province")} error={errors.province}>
        {select("province", options.provinces, (value) => {
          setProvince(value);
          setCity("");
          setCities([]);
          setDistricts([]);
          reset("city");
          reset("district");
        })}
      </Field>
      <Field label="城市" name={id("city")} error={errors.city}>
        {cities.length
          ? select("city", cities, (value) => {
              setCity(value);
              setDistricts([]);
              reset("district");
            })
          : text("city", setCity)}
      </Field>
      <Field label="区县" name={id("district")} error={errors.district}>
        {districts.length ? select("district", districts) : text("district")}
      </Field>
    </>
  );
}
