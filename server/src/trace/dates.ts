// A calendar date written in another format is the same answer (pass 64): "March 5, 2024",
// "5 March 2024", "Mar. 5th, 2024", "2024-03-05", "2024/3/5" and "03/05/2024" are all "2024-03-05".
// A slash date with the year last is read month first (the US order) unless its first number
// cannot be a month ("25/12/2024" is 25 December). A day its month does not have ("February 30")
// is no date: the text stays as written. Anchored patterns with no nested quantifier (linear).

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const isoRe = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const slashRe = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const monthFirstRe = new RegExp(String.raw`^${MONTH}\.?[ \t]{0,2}(\d{1,2})(?:st|nd|rd|th)?,?[ \t]{0,2}(\d{4})$`, 'i');
const dayFirstRe = new RegExp(String.raw`^(\d{1,2})(?:st|nd|rd|th)?[ \t]{0,2}(?:of[ \t]{1,2})?${MONTH}\.?,?[ \t]{0,2}(\d{4})$`, 'i');

function ymd(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1) return undefined;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  if (d > days) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const monthOf = (name: string): number => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

/** The date `s` writes, as "YYYY-MM-DD"; undefined when `s` is no date of these formats. */
export function canonicalDate(s: string): string | undefined {
  if (s.length < 8 || s.length > 30) return undefined;
  const c = s.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    let m = isoRe.exec(s);
    if (m !== null) return ymd(Number(m[1]), Number(m[3]), Number(m[4]));
    m = slashRe.exec(s);
    if (m !== null) {
      const a = Number(m[1]);
      const b = Number(m[3]);
      // "-" and "." with the year last are day first in most of the world; "/" is month first
      // unless the first number is no month.
      return m[2] === '/' && a <= 12 ? ymd(Number(m[4]), a, b) : ymd(Number(m[4]), b, a);
    }
    m = dayFirstRe.exec(s);
    return m === null ? undefined : ymd(Number(m[3]), monthOf(m[2]), Number(m[1]));
  }
  const m = monthFirstRe.exec(s);
  return m === null ? undefined : ymd(Number(m[3]), monthOf(m[1]), Number(m[2]));
}
