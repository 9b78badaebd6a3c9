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
  /** Series colours, in order; later series cycle with a dash pattern (see seriesStyle). */
  palette: string[];
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
    palette: ['--rl-c1', '--rl-c2', '--rl-c3', '--rl-c4', '--rl-c5', '--rl-c6'].map((n, i) =>
      cssVar(s, n, ['#1f77b4', '#e8710a', '#2ca02c', '#9467bd', '#d62728', '#bcbd22'][i]!),
    ),
  };
}

/** Colour and dash pattern of series i: six colours, then the same colours dashed, and so on. */
export function seriesStyle(theme: Theme, i: number): { color: string; dash: number[] } {
  const n = theme.palette.length;
  const round = Math.floor(i / n);
  return { color: theme.palette[i % n]!, dash: round === 0 ? [] : [6 * round, 3] };
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
