// Colours and fonts for charts, taken from the VS Code theme (`--vscode-*` CSS variables, which
// VS Code sets on webview pages) with fallbacks for the standalone HTML report. The page's CSS
// (protocol/pages/themeCss.ts) maps the VS Code variables onto `--rl-*` ones; charts read those
// at render time.

export interface Theme {
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  font: string;
  /** Series colours, opaque: the theme's six chart colours, then our own; later series cycle with a dash pattern and marker (seriesStyle). */
  palette: string[];
}

/** Colours after the theme's six (VS Code has no more chart colours): readable on light and dark backgrounds. */
const EXTRA_PALETTE = ['#17becf', '#e377c2', '#a0785a', '#7cb342'];

/**
 * The colour without its alpha: VS Code's default dark and Light Modern themes define
 * `--vscode-charts-orange` as rgba(234, 92, 0, 0.33), which draws a series at a third of its strength.
 */
export function opaque(color: string): string {
  const c = color.trim();
  const fn = /^(rgb|hsl)a?\(\s*([^,\s/]+)[\s,]+([^,\s/]+)[\s,]+([^,\s/)]+)\s*(?:[,/]\s*[^)]*)?\)$/i.exec(c);
  if (fn) return `${fn[1]!.toLowerCase()}(${fn[2]}, ${fn[3]}, ${fn[4]})`;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})(?:[0-9a-f]{1,2})?$/i.exec(c);
  if (hex && (c.length === 5 || c.length === 9)) return `#${hex[1]}`;
  return c;
}

/** The colours in order, each once (compared without case and spaces). */
export function distinct(colors: string[]): string[] {
  const seen = new Set<string>();
  return colors.filter((c) => {
    const k = c.toLowerCase().replace(/\s+/g, '');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v === '' ? fallback : v;
}

/** Reads the current theme from the page (call again after a theme change). */
export function readTheme(el: Element = document.body): Theme {
  const s = getComputedStyle(el);
  return {
    background: cssVar(s, '--rl-bg', '#ffffff'),
    foreground: cssVar(s, '--rl-fg', '#1f2328'),
    muted: cssVar(s, '--rl-muted', '#59636e'),
    grid: cssVar(s, '--rl-grid', 'rgba(128,128,128,0.22)'),
    font: cssVar(s, '--rl-font', 'system-ui, sans-serif'),
    // A theme may give two chart colours one value: each colour once, so two slots never draw alike.
    palette: distinct([
      ...['--rl-c1', '--rl-c2', '--rl-c3', '--rl-c4', '--rl-c5', '--rl-c6'].map((n, i) =>
        opaque(cssVar(s, n, ['#1f77b4', '#e8710a', '#2ca02c', '#9467bd', '#d62728', '#bcbd22'][i]!)),
      ),
      ...EXTRA_PALETTE,
    ]),
  };
}

export type PointShape = 'circle' | 'rect' | 'triangle' | 'rectRot' | 'star' | 'crossRot';
const SHAPES: readonly PointShape[] = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot'];

export interface SeriesStyle {
  color: string;
  dash: number[];
  pointStyle: PointShape;
}

/** Colour, dash pattern and marker of series slot i: every colour solid with circles, then again dashed with squares, and so on. */
export function seriesStyle(theme: Theme, i: number): SeriesStyle {
  const n = theme.palette.length;
  const round = Math.floor(i / n);
  return { color: theme.palette[i % n]!, dash: round === 0 ? [] : [6 * round, 3], pointStyle: SHAPES[round % SHAPES.length]! };
}

/** FNV-1a over the name's UTF-16 units. */
function hash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A style slot per series, for what the view shows now. `show(names)` is called with every series
 * name of the current content: names no longer shown give their slots back, names still shown keep
 * theirs (the same set, or one model added, recolours nothing), and new names take, in sorted
 * order, the first free colour from a place given by their key (the same content, the same colours,
 * whatever was shown before it). While at most as many series as colours are shown every one is
 * solid; beyond that the later ones differ in dash and marker. Names may be mapped to a key (a run's
 * `<run>@step-N` models to the run, so a step change keeps the run's colour); names that would share
 * a key keep their own, so no two shown names share a style.
 */
export class SeriesSlots {
  private readonly slots = new Map<string, number>();
  private readonly taken = new Set<number>();
  private keys = new Map<string, string>();

  constructor(private readonly colors: number) {}

  /** Makes `names` the shown series (see the class comment); `keyOf` maps a name to its colour key. */
  show(names: Iterable<string>, keyOf: (name: string) => string = (n) => n): void {
    const list = [...new Set(names)];
    const count = new Map<string, number>();
    for (const n of list) count.set(keyOf(n), (count.get(keyOf(n)) ?? 0) + 1);
    this.keys = new Map(list.map((n) => [n, count.get(keyOf(n))! > 1 ? `\u0000${n}` : keyOf(n)]));
    const wanted = new Set(this.keys.values());
    for (const [k, s] of [...this.slots]) if (!wanted.has(k) || (wanted.size <= this.colors && s >= this.colors)) this.slots.delete(k);
    this.taken.clear();
    for (const s of this.slots.values()) this.taken.add(s);
    for (const k of [...wanted].sort()) this.slotOfKey(k);
  }

  slot(name: string): number {
    return this.slotOfKey(this.keys.get(name) ?? name);
  }

  private slotOfKey(key: string): number {
    let s = this.slots.get(key);
    if (s !== undefined) return s;
    const start = hash(key) % this.colors;
    for (let round = 0; s === undefined; round++)
      for (let k = 0; k < this.colors; k++) {
        const c = round * this.colors + ((start + k) % this.colors);
        if (!this.taken.has(c)) {
          s = c;
          break;
        }
      }
    this.slots.set(key, s);
    this.taken.add(s);
    return s;
  }

  style(theme: Theme, name: string): SeriesStyle {
    return seriesStyle(theme, this.slot(name));
  }
}

/**
 * Calls `onChange` when VS Code switches theme (it rewrites the body class and the style
 * attribute that carries the variables) or the OS colour scheme changes (the HTML report).
 */
export function watchTheme(onChange: () => void): void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', onChange);
}
