// Decision-marker matching (DESIGN.md section 4): case-insensitive, on word boundaries, the
// longest phrase wins where several start at the same place. This runs over every character of
// every body, so it is a hand-written scan with a first-character table instead of one big
// case-insensitive regex (which measured several times slower on large corpora).

export interface MarkerMatch {
  /** Offset of the first character of the match in the scanned text. */
  start: number;
  /** Offset just past the match. */
  end: number;
  /** The lexicon phrase that matched, as configured (not as written in the text). */
  phrase: string;
}

export interface MarkerMatcher {
  readonly phrases: readonly string[];
  /** Every non-overlapping match in text[from, to), left to right. */
  findAll(text: string, from?: number, to?: number): MarkerMatch[];
}

interface Entry {
  phrase: string;
  /** Lower-cased phrase with typographic apostrophes folded to ASCII. */
  folded: string;
  /** Whether the phrase's last character is a word character (then a boundary must follow). */
  endsInWord: boolean;
  /** Whether the phrase's first character is a word character (then a boundary must precede). */
  startsInWord: boolean;
}

const nonAsciiWord = /[\p{L}\p{N}]/u;
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 ? 1 : 0;

/** Word characters: ASCII letters, digits and `_`, and any non-ASCII letter or digit. */
export function isWordChar(c: number): boolean {
  if (c < 128) return WORD[c] === 1;
  if (Number.isNaN(c)) return false;
  return nonAsciiWord.test(String.fromCharCode(c));
}

/** Lower-case for ASCII, typographic apostrophe as ASCII, anything else via toLowerCase. */
function foldChar(c: number): number {
  if (c >= 65 && c <= 90) return c | 32;
  if (c < 128) return c;
  if (c === 0x2019 || c === 0x2018) return 39;
  return String.fromCharCode(c).toLowerCase().charCodeAt(0);
}

function fold(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(foldChar(s.charCodeAt(i)));
  return out;
}

export function compileMarkers(phrases: readonly string[]): MarkerMatcher {
  const cleaned = [...new Set(phrases.map((p) => p.trim()).filter((p) => p.length > 0))];
  // Bucket by folded first character; each bucket longest first so the longest phrase wins.
  const ascii: (Entry[] | undefined)[] = new Array(128);
  const other = new Map<number, Entry[]>();
  for (const phrase of cleaned) {
    const folded = fold(phrase);
    const entry: Entry = { phrase, folded, endsInWord: isWordChar(folded.charCodeAt(folded.length - 1)), startsInWord: isWordChar(folded.charCodeAt(0)) };
    const c = folded.charCodeAt(0);
    const list = c < 128 ? (ascii[c] ??= []) : other.get(c) ?? (other.set(c, []), other.get(c)!);
    list.push(entry);
  }
  for (const list of [...ascii, ...other.values()]) list?.sort((a, b) => b.folded.length - a.folded.length);

  function matchAt(text: string, i: number, to: number, list: Entry[], atBoundary: boolean): Entry | undefined {
    outer: for (const e of list) {
      if (e.startsInWord && !atBoundary) continue;
      const f = e.folded;
      const end = i + f.length;
      if (end > to) continue;
      for (let k = 1; k < f.length; k++) if (foldChar(text.charCodeAt(i + k)) !== f.charCodeAt(k)) continue outer;
      if (e.endsInWord && end < text.length && isWordChar(text.charCodeAt(end))) continue;
      return e;
    }
    return undefined;
  }

  // ASCII first characters (both cases) that start some phrase: most characters fail this test
  // and cost one table lookup.
  const first = new Uint8Array(128);
  for (let c = 0; c < 128; c++) if (ascii[c]) { first[c] = 1; if (c >= 97 && c <= 122) first[c - 32] = 1; }
  const anyNonWordStart = [...ascii, ...other.values()].some((l) => l?.some((e) => !e.startsInWord));
  const list = (c: number): Entry[] | undefined => (c < 128 ? ascii[c >= 65 && c <= 90 ? c | 32 : c] : other.get(foldChar(c)));

  return {
    phrases: cleaned,
    findAll(text: string, from = 0, to = text.length): MarkerMatch[] {
      const out: MarkerMatch[] = [];
      let prevWord = from > 0 && isWordChar(text.charCodeAt(from - 1));
      for (let i = from; i < to; i++) {
        const c = text.charCodeAt(i);
        let word: boolean;
        if (c < 128) {
          word = WORD[c] === 1;
          const atBoundary = !(prevWord && word);
          prevWord = word;
          if (first[c] === 0 || (!atBoundary && !anyNonWordStart)) continue;
          const entries = list(c);
          const e = entries && matchAt(text, i, to, entries, atBoundary);
          if (e) {
            out.push({ start: i, end: i + e.folded.length, phrase: e.phrase });
            i += e.folded.length - 1;
            prevWord = isWordChar(text.charCodeAt(i));
          }
          continue;
        }
        word = isWordChar(c);
        const atBoundary = !(prevWord && word);
        prevWord = word;
        const entries = list(c);
        const e = entries && matchAt(text, i, to, entries, atBoundary);
        if (e) {
          out.push({ start: i, end: i + e.folded.length, phrase: e.phrase });
          i += e.folded.length - 1;
          prevWord = isWordChar(text.charCodeAt(i));
        }
      }
      return out;
    },
  };
}
