// format.ts: how numbers are written. Figures keep enough digits to be
// checked against the API (tables show 3 significant decimals; the title
// of each cell carries the full value).

export function fmtInt(n: number | null | undefined): string {
  return n == null ? '—' : n.toLocaleString('en-GB');
}

export function fmtNum(n: number | null | undefined, digits = 3): string {
  return n == null ? '—' : n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function fmtPct(n: number | null | undefined, digits = 1): string {
  return n == null ? '—' : `${(n * 100).toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })}%`;
}

export function fmtMoney(n: number | null | undefined, currency = 'GBP'): string {
  return n == null ? '—' : n.toLocaleString('en-GB', { style: 'currency', currency, maximumFractionDigits: 2, minimumFractionDigits: 2 });
}
