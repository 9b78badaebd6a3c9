// Pass 87d: yes/no questions asked in other languages, and the words that answer them
// (docs/segmentation-eval.md, "Stop 39: pass 87"). A question is read as asking yes or no by the
// grammar of its own language (Russian "ли", Spanish "¿Es ...?", French "est-ce que" / "-t-il",
// German "Ist ...?", Chinese "吗" / "是否", Japanese "〜ですか" / "かどうか", Korean "〜니까?", Swahili
// "Je, ...?", Vietnamese "có ... không?", Turkish "mi?"), never where it also asks a wh-question of
// its language ("Сколько", "¿Cuánto", "Combien", "Wie viel", "多少", "いくつ", "얼마", "ngapi",
// "bao nhiêu"). Every pattern here reads the question once per record, bounded.

// Letters of the scripts written with spaces, as boundaries of a word (no `u` flag: explicit ranges).
const L = String.raw`A-Za-z\u00c0-\u024f\u0400-\u04ff\u1e00-\u1eff`;
// Words that answer yes or no, English among them. Longer forms first ("不是" before "是", "Non"
// before "No"). A Latin or Cyrillic word is not one followed by a lower-case word ("No es primo",
// "да и нет" reads no answer); a Hangul word not inside a longer word ("예를 들어").
export const YES_NO_OTHER = String.raw`(?:(?<![${L}])(?:[Yy]es|YES|True|TRUE|False|FALSE|S\u00ed|s\u00ed|S\u00cd|S\u00ec|s\u00ec|Oui|oui|OUI|Non|non|NON|Nein|nein|NEIN|Ja|ja|JA|Sim|sim|SIM|N\u00e3o|n\u00e3o|N\u00c3O|Ndiyo|ndiyo|NDIYO|Hapana|hapana|HAPANA|C\u00f3|c\u00f3|Kh\u00f4ng|kh\u00f4ng|KH\u00d4NG|Evet|evet|Hay\u0131r|hay\u0131r|\u0414\u0430|\u0434\u0430|\u0414\u0410|\u041d\u0435\u0442|\u043d\u0435\u0442|\u041d\u0415\u0422|[Nn]o|NO)(?![${L}])(?![ \t]{1,2}[a-z\u0430-\u044f])|\u662f\u7684|\u4e0d\u662f|\u4e0d\u5bf9|\u4e0d\u5c0d|\u662f|\u5426|\u5bf9|\u5c0d|\u306f\u3044|\u3044\u3044\u3048|(?<![\uac00-\ud7a3])(?:\uc544\ub2c8\uc694|\uc544\ub2c8\uc624|\uc544\ub2c8\uc5d0\uc694|\uc608|\ub124)(?![\uac00-\ud7a3]))`;

/** What each word means, lower case as normalizeAnswer writes it: "yes" or "no". */
export const YES_NO_MEANING: ReadonlyMap<string, string> = new Map([
  ...'s\u00ed s\u00ec si oui ja sim ndiyo c\u00f3 evet \u0434\u0430 \u662f \u662f\u7684 \u5bf9 \u5c0d \u306f\u3044 \uc608 \ub124'
    .split(' ')
    .map((w): [string, string] => [w, 'yes']),
  ...'non nein n\u00e3o hapana kh\u00f4ng hay\u0131r \u043d\u0435\u0442 \u5426 \u4e0d\u662f \u4e0d\u5bf9 \u4e0d\u5c0d \u3044\u3044\u3048 \uc544\ub2c8\uc694 \uc544\ub2c8\uc624 \uc544\ub2c8\uc5d0\uc694'
    .split(' ')
    .map((w): [string, string] => [w, 'no']),
]);

// The wh-words of each language: a question that holds one asks for something else.
const otherWhRe =
  /(?<![\u0400-\u04ff])(?:\u0441\u043a\u043e\u043b\u044c\u043a|\u0447\u0435\u043c\u0443|\u0433\u0434\u0435|\u043a\u0442\u043e|\u043f\u043e\u0447\u0435\u043c\u0443|\u0437\u0430\u0447\u0435\u043c|\u043a\u0443\u0434\u0430|\u043e\u0442\u043a\u0443\u0434\u0430|\u0447\u0435\u0439)|(?<![A-Za-z\u00c0-\u024f])(?:cu[a\u00e1]nt|qu\u00e9|cu[a\u00e1]l|c\u00f3mo|d[o\u00f3]nde|qui[e\u00e9]n|cu[a\u00e1]ndo|combien|quel|quoi|comment|o\u00f9|pourquoi|wie|wer\b|wo\b|wann|warum|welche|wieso|weshalb|quant|qual|onde|quem|quando|por que|perch\u00e9|cosa\b|chi\b|dove|ngapi|nini|gani|nani|wapi|lini|vipi|kiasi|bao nhi\u00eau|m\u1ea5y|ka\u00e7|hangi|nas\u0131l|nerede|neden)|\u591a\u5c11|\u51e0|\u5e7e|\u4ec0\u4e48|\u4ec0\u9ebc|\u54ea|\u8c01|\u8ab0|\u600e\u4e48|\u600e\u9ebc|\u4e3a\u4ec0\u4e48|\u5982\u4f55|(?<![\u4efb\u51e0\u5e7e])\u4f55|\u3044\u304f\u3064|\u3044\u304f\u3089|\u3069\u308c|\u3069\u306e|\u3069\u3053|\u3044\u3064|\u3060\u308c|\u3069\u3046|\u306a\u305c|\u3069\u3061\u3089|\uba87|\uc5bc\ub9c8|\ubb34\uc5c7|\ubb50|\ubb34\uc2a8|\uc5b4\ub290|\uc5b4\ub5a4|\uc5b8\uc81c|\uc5b4\ub514|\ub204\uad6c|\uc65c|\uc5b4\ub5bb\uac8c/i;
// The grammar of a yes/no question in each language, tested on its asking sentence.
const otherYesNoRe =
  /(?<![\u0400-\u04ff])\u043b\u0438(?![\u0400-\u04ff])|^[ \t]{0,4}\u00bf|est-ce que|-(?:t-)?(?:il|elle|ils|elles)\b|^[ \t]{0,4}(?:Ist|Sind|Gibt es|Kann|K\u00f6nnen|Hat|Haben|War|Waren|Wird|Werden|Darf|Muss|Stimmt es|\u00c9|\u00c8|Ser\u00e1|Existe|Esiste|C'\u00e8|Ci sono|Je,)[ \t]|[\u5417\u55ce][ \t]{0,2}$|\u662f\u5426|\u662f\u4e0d\u662f|\u80fd\u5426|\u304b\u3069\u3046\u304b|(?:\u3067\u3059|\u307e\u3059|\u3067\u3057\u3087\u3046)\u304b[ \t]{0,2}$|(?:\ub2c8\uae4c|\ub098\uc694|\uae4c\uc694|\uac00\uc694)[ \t]{0,2}$|(?:^|[ \t])c\u00f3[ \t].{0,200}kh\u00f4ng[ \t]{0,2}$|(?:kh\u00f4ng|ch\u01b0a)[ \t]{0,2}$|[ \t](?:mi|m\u0131|mu|m\u00fc)(?:dir|d\u0131r)?[ \t]{0,2}$/i;

// A yes word and its no word offered together, a few characters apart, in either order.
const offeredRe =
  /(?<![A-Za-z\u00c0-\u024f\u0400-\u04ff])(?:s\u00ed|ja|oui|sim|ndiyo|\u0434\u0430|evet|c\u00f3)\W{1,6}(?:o|oder|ou|au|\u0438\u043b\u0438|veya|hay|ho\u1eb7c)\W{1,6}(?:no|nein|non|n\u00e3o|hapana|\u043d\u0435\u0442|hay\u0131r|kh\u00f4ng)(?![A-Za-z\u00c0-\u024f\u0400-\u04ff])|\u306f\u3044[\uff0f/\u30fb\u3001\u304b]{1,2}\u3044\u3044\u3048|\uc608[\s/,\u00b7]{1,3}(?:\ub610\ub294[\s]{1,2})?\uc544\ub2c8\uc624|\uc608[\s/,\u00b7]{1,3}(?:\ub610\ub294[\s]{1,2})?\uc544\ub2c8\uc694|\u662f[\u6216/\u3001]\u5426/i;

/**
 * Does the question, written in another language than English, ask yes or no? Its last sentence
 * that ends in a question mark ("?", "？") is the asking one; it must show a yes/no question's
 * grammar (otherYesNoRe) and no wh-word (otherWhRe). A question that writes " the " is English and
 * left to question.ts.
 */
export function otherYesNoAsked(query: string | undefined): boolean {
  if (!query || query.length > 4000 || / the /i.test(query)) return false;
  // The question offers the two words ("Responde sí o no", "Ответьте «да» или «нет»", "はい／いいえで答えよ").
  if (offeredRe.test(query)) return true;
  const end = Math.max(query.lastIndexOf('?'), query.lastIndexOf('\uff1f'));
  if (end < 0) return false;
  let start = end;
  while (start > 0 && start > end - 300) {
    const c = query.charCodeAt(start - 1);
    if (c === 10 || c === 0x3002 || c === 0xff01 || ((c === 46 || c === 33 || c === 63 || c === 0xff1f) && start < end)) break;
    start--;
  }
  const ask = query.slice(start, end);
  return otherYesNoRe.test(ask) && !otherWhRe.test(ask);
}

// Pass 89e: a statement to judge true or false in another language: the question offers the two words
// together ("Vrai ou faux :", "¿Verdadero o falso?", "Richtig oder falsch?", "Верно или неверно:",
// "Đúng hay sai?", "참 또는 거짓"), as English "True or false:" does (wordForms.ts trueFalseAsked).
const trueFalseOfferedRe =
  /(?<![A-Za-z\u00c0-\u024f\u0400-\u04ff])(?:vrai[ \t]{1,2}ou[ \t]{1,2}faux|verdadero[ \t]{1,2}o[ \t]{1,2}falso|verdadeiro[ \t]{1,2}ou[ \t]{1,2}falso|vero[ \t]{1,2}o[ \t]{1,2}falso|richtig[ \t]{1,2}oder[ \t]{1,2}falsch|wahr[ \t]{1,2}oder[ \t]{1,2}falsch|\u0432\u0435\u0440\u043d\u043e[ \t]{1,2}\u0438\u043b\u0438[ \t]{1,2}\u043d\u0435\u0432\u0435\u0440\u043d\u043e|\u043f\u0440\u0430\u0432\u0434\u0430[ \t]{1,2}\u0438\u043b\u0438[ \t]{1,2}\u043b\u043e\u0436\u044c|do\u011fru[ \t]{1,2}mu[ \t]{1,2}yanl\u0131\u015f|benar[ \t]{1,2}atau[ \t]{1,2}salah|\u0111\u00fang[ \t]{1,2}hay[ \t]{1,2}sai|kweli[ \t]{1,2}au[ \t]{1,2}si[ \t]{1,2}kweli|waar[ \t]{1,2}of[ \t]{1,2}onwaar|prawda[ \t]{1,2}czy[ \t]{1,2}fa\u0142sz)(?![A-Za-z\u00c0-\u024f\u0400-\u04ff])|\ucc38[ \t]{0,2}(?:\ub610\ub294|\ud639\uc740|\uc774\ub098|\/)[ \t]{0,2}\uac70\uc9d3|\u6b63\u3057\u3044\u304b\u8aa4\u308a\u304b/i;

/** Does the question, in another language, ask to judge a statement true or false? */
export function otherTrueFalseAsked(query: string | undefined): boolean {
  return query !== undefined && query.length <= 4000 && !/ the /i.test(query) && trueFalseOfferedRe.test(query);
}

// The words that answer it (an adjective's feminine form too: "l'affirmation est vraie"), English's
// among them. A Latin or Cyrillic word is not one followed by a lower-case word ("falso que ...").
export const TRUE_FALSE_OTHER = String.raw`(?:(?<![${L}])(?:True|TRUE|False|FALSE|[Vv]raie?|VRAIE?|[Ff]aux|FAUX|[Ff]ausse|[Vv]erdader[oa]|VERDADER[OA]|[Vv]erdadeir[oa]|[Ff]als[oa]|FALS[OA]|[Vv]er[oa]|[Rr]ichtig|RICHTIG|[Ff]alsch|FALSCH|[Ww]ahr|\u0412\u0435\u0440\u043d\u043e|\u0432\u0435\u0440\u043d\u043e|\u041d\u0435\u0432\u0435\u0440\u043d\u043e|\u043d\u0435\u0432\u0435\u0440\u043d\u043e|\u041f\u0440\u0430\u0432\u0434\u0430|\u043f\u0440\u0430\u0432\u0434\u0430|\u041b\u043e\u0436\u044c|\u043b\u043e\u0436\u044c|[Dd]o\u011fru|[Yy]anl\u0131\u015f|[Bb]enar|[Ss]alah|\u0110\u00fang|\u0111\u00fang|[Ss]ai|[Kk]weli|[Ww]aar|[Oo]nwaar|[Pp]rawda|[Ff]a\u0142sz)(?![${L}])(?![ \t]{1,2}[a-z\u0430-\u044f])|\u6b63\u3057\u3044|\u8aa4\u308a|(?<![\uac00-\ud7a3])(?:\ucc38|\uac70\uc9d3)(?![\uac00-\ud7a3]))`;

/** What each word means, lower case as normalizeAnswer writes it: "true" or "false". */
export const TRUE_FALSE_MEANING: ReadonlyMap<string, string> = new Map([
  ...'vrai vraie verdadero verdadera verdadeiro verdadeira vero vera richtig wahr \u0432\u0435\u0440\u043d\u043e \u043f\u0440\u0430\u0432\u0434\u0430 do\u011fru benar \u0111\u00fang kweli waar prawda \u6b63\u3057\u3044 \u6b63\u786e \ucc38'
    .split(' ')
    .map((w): [string, string] => [w, 'true']),
  ...'faux fausse falso falsa falsch \u043d\u0435\u0432\u0435\u0440\u043d\u043e \u043b\u043e\u0436\u044c yanl\u0131\u015f salah sai onwaar fa\u0142sz \u8aa4\u308a \u9519\u8bef \uac70\uc9d3'
    .split(' ')
    .map((w): [string, string] => [w, 'false']),
]);
