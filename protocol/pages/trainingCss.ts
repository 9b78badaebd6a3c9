// Page styles of the training view (inlined with the page nonce; colours from the theme variables).
import { themeCss } from './themeCss.js';

export const trainingCss = `${themeCss}
html, body { background: var(--rl-bg); color: var(--rl-fg); }
body { font-family: var(--rl-font); font-size: var(--rl-font-size); margin: 0; padding: 14px 18px 28px; line-height: 1.4; }
h1 { font-size: 1.35em; margin: 0; font-weight: 600; }
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 14px; margin-bottom: 6px; }
header h1 { flex: 1 0 auto; }
.muted { color: var(--rl-muted); }
#summary { flex-basis: 100%; margin: 0; font-family: var(--rl-mono); font-size: 0.92em; }
#backend { flex-basis: 100%; margin: 0; }
#log { flex-basis: 100%; margin: 0; color: var(--rl-muted); white-space: pre-wrap; }
.state { padding: 1px 8px; border-radius: 9px; border: 1px solid var(--rl-border); font-size: 0.9em; }
.state.failed { color: var(--rl-error); border-color: var(--rl-error); }
button { font: inherit; color: var(--rl-button-fg); background: var(--rl-button-bg); border: 1px solid var(--rl-border);
  border-radius: 3px; padding: 3px 10px; cursor: pointer; }
button:hover { background: var(--rl-button-hover); }
button:focus-visible { outline: 1px solid var(--rl-focus); outline-offset: 1px; }
button[hidden] { display: none; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 12px 16px; }
figure { margin: 0; border: 1px solid var(--rl-border); border-radius: 4px; padding: 8px 10px 6px; background: var(--rl-bg); }
figcaption { font-weight: 600; margin-bottom: 2px; }
figcaption .muted { font-weight: normal; }
.plot { position: relative; height: 230px; }
.empty { padding: 40px 0; text-align: center; }
`;
