// Decision-marker matching (docs/design.md section 4): case-insensitive, on word boundaries, the
// longest phrase wins where several start at the same place. One compiled regular expression
// does the scan: V8 compiles it to native code with a literal prefilter, which measured about 4x
// faster than a hand-written character loop over the same bodies. Word characters are Unicode
// letters, digits and `_` (so "éwait" is not "wait"); a typographic apostrophe matches `'`.

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
  /** Every non-overlapping match that starts in text[from, to), left to right. */
  findAll(text: string, from?: number, to?: number): MarkerMatch[];
}

const WORD = String.raw`[\p{L}\p{N}_]`;
const wordRe = new RegExp(`^${WORD}$`, 'u');

/** Word characters: letters, digits and `_`, in any script. */
export function isWordChar(c: number): boolean {
  if (Number.isNaN(c)) return false;
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
  return wordRe.test(String.fromCharCode(c));
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Lower case, typographic apostrophes as `'` (the replace only when there is one: this runs for every match). */
const canonical = (s: string): string => {
  const lower = s.toLowerCase();
  return lower.includes('\u2018') || lower.includes('\u2019') ? lower.replace(/[\u2018\u2019]/g, "'") : lower;
};

const literal = (p: string): string => escapeRe(p).replace(/['\u2018\u2019]/g, "['\u2018\u2019]");
/** literal, each letter with two cases written as the class of both (a case-insensitive literal without the `i` flag). */
const caseless = (p: string): string =>
  [...p]
    .map((c) => {
      if (c === "'" || c === '\u2018' || c === '\u2019') return "['\u2018\u2019]";
      const lo = c.toLowerCase();
      const up = c.toUpperCase();
      return lo !== up && lo.length === 1 && up.length === 1 ? `[${lo}${up}]` : escapeRe(c);
    })
    .join('');

/**
 * The phrases (longest first) as one alternation, grouped by first character: "Let me check|Let
 * me verify|Wait" as "L(?:et me check|et me verify)|Wait". Phrases of different groups cannot
 * match at the same position, and each group keeps its phrases' order, so the regex takes the
 * same alternative the flat list does; V8 no longer tries every alternative at every position
 * (measured 5-10% faster on the bench corpus). Only for ASCII phrases, whose case folding is plain.
 */
function alternation(ordered: readonly string[]): string {
  // (Pass 87: a phrase whose later characters are not ASCII, "Khoan đã", groups by its ASCII first
  // character as any other: the case folding of its first character is plain.)
  // eslint-disable-next-line no-control-regex
  if (ordered.some((p) => /[^\x00-\x7f\u2018\u2019]/.test(p[0]))) return ordered.map(literal).join('|');
  const groups = new Map<string, string[]>();
  for (const p of ordered) {
    const key = canonical(p[0]);
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  return [...groups.values()]
    .map((g) => (g.length === 1 ? literal(g[0]) : `${literal(g[0][0])}(?:${g.map((p) => literal(p.slice(1))).join('|')})`))
    .join('|');
}

/**
 * One case-insensitive alternation of the phrases as literals (longest first), word boundaries
 * checked here: V8 runs a plain literal alternation about 8x faster than one where every
 * alternative carries Unicode look-arounds (measured on the bench corpus).
 */
export function compileMarkers(phrases: readonly string[]): MarkerMatcher {
  const cleaned = [...new Set(phrases.map((p) => p.trim()).filter((p) => p.length > 0))];
  // Longest first: at one position the regex takes the first alternative that matches.
  const ordered = [...cleaned].sort((a, b) => b.length - a.length);
  const byText = new Map<string, string>();
  for (const p of ordered) if (!byText.has(canonical(p))) byText.set(canonical(p), p);
  // Phrases that open with a CJK character ("等等，", "再检查一下") are scanned apart: an alternative
  // whose first character no other alternative starts with costs the grouped ASCII scan its
  // first-character test (docs/engine.md); they cannot start where an ASCII phrase does.
  // Pass 87: so are the other phrases that open with a character outside ASCII ("Подождите", "잠깐",
  // "Đợi đã", "ちょっと待って"): in the ASCII scan they would cost it its word-start prefilter and its
  // grouping. "Khoan đã" opens with an ASCII letter and is scanned with the ASCII phrases.
  const others = ordered.filter(nonAscii);
  const rest = others.length > 0 ? ordered.filter((p) => !nonAscii(p)) : ordered;
  // Where every phrase opens with an ASCII letter, digit or "_", a match is kept only at a word's
  // start (`bounded`: the character before it is no word character, in any script), so a leading
  // \b (ASCII word characters, which a letter before must then be one of for a match to be
  // dropped) drops nothing that would be kept: V8 then tries the alternation only at word starts,
  // about 25% faster over the bench's bodies (docs/engine.md, stop 31).
  const wordStart = rest.every((p) => /^[A-Za-z0-9_]/.test(p));
  const re = rest.length > 0 ? new RegExp(wordStart ? `\\b(?:${alternation(rest)})` : alternation(rest), 'gi') : undefined;
  // Without the `i` flag (which costs the scan its first-character prefilter over every text): each
  // cased letter is the class of its two cases ("[Пп][Оо]...").
  // Found by a scan for their first characters (one character class: V8 loops over the text without
  // trying an alternative at each position), then the alternation tried there (sticky).
  const firsts = [...new Set(others.flatMap((p) => [p[0], p[0].toLowerCase(), p[0].toUpperCase()]))].map(escapeRe).join('');
  const firstRe = others.length > 0 ? new RegExp(`[${firsts}]`, 'g') : undefined;
  const othersRe = others.length > 0 ? new RegExp(others.map(caseless).join('|'), 'y') : undefined;
  const sticky = rest.map((p) => ({ phrase: p, re: new RegExp(literal(p), 'iy') }));
  const stickyOther = others.map((p) => ({ phrase: p, re: new RegExp(literal(p), 'iy') }));
  /**
   * A boundary is required only on a side where the phrase itself has a word character, and not
   * beside a CJK character of the phrase: Chinese writes no blanks between words ("再检查一下题意").
   */
  // The characters outside the match are read only inside the text (-1 outside, no word
  // character as NaN was not): a read past a string's end deoptimized this the first time.
  const bounded = (text: string, start: number, end: number): boolean =>
    (!isWordChar(text.charCodeAt(start)) || isCjk(text.charCodeAt(start)) || !isWordChar(start > 0 ? text.charCodeAt(start - 1) : -1)) &&
    (!isWordChar(text.charCodeAt(end - 1)) ||
      isCjk(text.charCodeAt(end - 1)) ||
      !isWordChar(end < text.length ? text.charCodeAt(end) : -1));

  const scan = (text: string, from: number, to: number): MarkerMatch[] => {
    const out: MarkerMatch[] = [];
    if (!othersRe || !firstRe) return out;
    firstRe.lastIndex = from;
    let f: RegExpExecArray | null;
    while ((f = firstRe.exec(text)) !== null && f.index < to) {
      othersRe.lastIndex = f.index;
      const m = othersRe.exec(text);
      if (m === null) continue;
      const end = m.index + m[0].length;
      if (bounded(text, m.index, end)) {
        out.push({ start: m.index, end, phrase: byText.get(canonical(m[0])) ?? m[0] });
        firstRe.lastIndex = end;
      } else {
        // The longest phrase here is cut by a word character ("Подождитесь"); a shorter one may still fit.
        let found = false;
        for (const s of stickyOther) {
          s.re.lastIndex = m.index;
          const k = s.re.exec(text);
          if (k && bounded(text, m.index, m.index + k[0].length)) {
            out.push({ start: m.index, end: m.index + k[0].length, phrase: s.phrase });
            firstRe.lastIndex = m.index + k[0].length;
            found = true;
            break;
          }
        }
        if (!found) firstRe.lastIndex = m.index + 1;
      }
    }
    return out;
  };

  return {
    phrases: cleaned,
    findAll(text: string, from = 0, to = text.length): MarkerMatch[] {
      const out = ascii(text, from, to);
      if (!othersRe) return out;
      const other = scan(text, from, to);
      if (other.length === 0) return out;
      // In order of start; a match inside another's span is dropped.
      const merged: MarkerMatch[] = [];
      for (const x of [...out, ...other].sort((a, b) => a.start - b.start))
        if (merged.length === 0 || x.start >= merged[merged.length - 1].end) merged.push(x);
      return merged;
    },
  };

  function ascii(text: string, from: number, to: number): MarkerMatch[] {
    const out: MarkerMatch[] = [];
    if (!re) return out;
    re.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null && m.index < to) {
      const start = m.index;
      let end = start + m[0].length;
      let phrase = byText.get(canonical(m[0]));
      if (!bounded(text, start, end)) {
        // The longest phrase here is cut by a word character; a shorter one may still fit.
        phrase = undefined;
        for (const s of sticky) {
          s.re.lastIndex = start;
          const k = s.re.exec(text);
          if (k && bounded(text, start, start + k[0].length)) {
            phrase = s.phrase;
            end = start + k[0].length;
            break;
          }
        }
        if (!phrase) {
          re.lastIndex = start + 1;
          continue;
        }
      }
      out.push({ start, end, phrase: phrase ?? m[0] });
      re.lastIndex = end;
    }
    return out;
  }
}

/** A phrase that opens with a character outside ASCII: scanned apart from the phrases that open with an ASCII one. */
const nonAscii = (p: string): boolean => p.charCodeAt(0) > 0x7f;

/** A CJK ideograph (the unified blocks and their compatibility forms). */
const isCjk = (c: number): boolean => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
