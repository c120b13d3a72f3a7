/**
 * Expands the few Go-template forms our annotations use, as Prometheus does, so promtool tests can state
 * the exact annotations an alert must carry. An unknown form throws rather than guessing.
 */

/** Go's `%.4g` for values whose exponent is within -4..3 (the only range our tests produce). */
function g4(value: number): string {
  if (value === 0) return "0";
  const rounded = Number(value.toPrecision(4));
  const exponent = Math.floor(Math.log10(Math.abs(rounded)));
  if (exponent < -4 || exponent >= 4) throw new Error(`%.4g of ${value} needs exponent notation; extend templates.ts`);
  return String(rounded);
}

/** Prometheus' `humanizeDuration` (template/template.go), for values from 1e-3 s up to a day. */
function humanizeDuration(value: number): string {
  if (value === 0) return "0s";
  if (Math.abs(value) >= 1) {
    const whole = Math.trunc(value);
    const seconds = whole % 60;
    const minutes = Math.trunc(whole / 60) % 60;
    const hours = Math.trunc(whole / 3600);
    if (hours >= 24) throw new Error(`humanizeDuration of ${value} needs days; extend templates.ts`);
    if (hours !== 0) return `${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${minutes}m ${seconds}s`;
    return `${g4(value)}s`;
  }
  let v = value;
  let prefix = "";
  for (const p of ["m", "u", "n"]) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${g4(v)}${prefix}s`;
}

/** `text` with `{{ $labels.x }}` and `{{ $value | ... }}` expanded for a sample with `labels` and `value`. */
export function expandTemplate(text: string, labels: Readonly<Record<string, string>>, value: number): string {
  return text.replace(/\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => {
    const label = /^\$labels\.(\w+)$/.exec(expr);
    if (label) return labels[label[1]!] ?? "<no value>";
    switch (expr) {
      case "$value | humanizePercentage":
        return `${g4(value * 100)}%`;
      case "$value | humanizeDuration":
        return humanizeDuration(value);
      case '$value | printf "%.2f"':
        return value.toFixed(2);
      default:
        throw new Error(`template {{ ${expr} }} is not supported by __tests__/alerts/support/templates.ts`);
    }
  });
}
