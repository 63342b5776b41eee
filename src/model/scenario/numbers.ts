/**
 * Number ↔ text for the URL codec. JavaScript's String(x) is the shortest text that reads back as
 * the same double (ECMA-262 Number::toString), so the round trip is exact; −0 is written "-0" (String
 * gives "0") and exponents lose their "+" (a "+" can turn into a space in query-string decoders).
 */
export function formatNumber(x: number): string {
  if (Object.is(x, -0)) return '-0';
  return String(x).replace('e+', 'e');
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A finite decimal number, or undefined for anything else (no hex, Infinity, NaN or blanks). */
export function parseNumber(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const x = Number(text);
  return Number.isFinite(x) ? x : undefined;
}
