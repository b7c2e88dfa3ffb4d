/**
 * − [n] + for a quantity, bounded by `min` and `max` (a variant's minimum order and its stock).
 * The field stays a plain number input named `name`, so the form posts it without JavaScript and a
 * typed number beyond the bounds reaches the server's check too; − and + are 44 px tap targets.
 */
export function QuantityStepper({
  id,
  name,
  label,
  value,
  min,
  max,
  onChange,
  invalid = false,
  describedBy,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  min: number;
  max: number;
  onChange: (value: string) => void;
  invalid?: boolean;
  describedBy?: string;
}) {
  const n = Number(value);
  const whole = /^\d+$/.test(value);
  const step = (delta: number) => onChange(String(Math.min(max, Math.max(min, (whole ? n : min) + delta))));
  const button = "flex h-11 w-11 items-center justify-center text-lg text-stone-700 hover:bg-stone-100 disabled:text-stone-300";
  return (
    <div className="inline-flex items-stretch overflow-hidden rounded-md border border-stone-300 bg-white">
      <button type="button" className={button} onClick={() => step(-1)} disabled={whole && n <= min} aria-label={`减少${label}`} aria-controls={id}>
        −
      </button>
      <input
        id={id}
        name={name}
        type="number"
        inputMode="numeric"
        min={min}
        max={Math.max(min, max)}
        step={1}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        className="h-11 w-14 border-x border-stone-300 text-center text-base [appearance:textfield] [&::-webkit-inner-spin-button]:appearance-none"
      />
      <button type="button" className={button} onClick={() => step(1)} disabled={whole && n >= max} aria-label={`增加${label}`} aria-controls={id}>
        +
      </button>
    </div>
  );
}
