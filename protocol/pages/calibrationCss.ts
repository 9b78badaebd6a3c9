// Page styles of the calibration view (inlined with the page nonce; colours via the theme variables).
import { themeCss } from './themeCss.js';

export const calibrationCss = `${themeCss}
html, body { background: var(--rl-bg); color: var(--rl-fg); }
body { font-family: var(--rl-font); font-size: var(--rl-font-size); margin: 0; padding: 16px 20px 40px; line-height: 1.45; }
h1 { font-size: 1.45em; margin: 0 0 4px; font-weight: 600; }
h2 { font-size: 1.15em; margin: 28px 0 2px; font-weight: 600; }
code { font-family: var(--rl-mono); font-size: 0.95em; }
.muted { color: var(--rl-muted); }
.note { margin: 0 0 10px; max-width: 70em; }
.hint { margin: 8px 0 0; }
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 16px; }
header h1 { flex: 1 0 auto; }
header p { margin: 0; flex-basis: 100%; order: 3; }
.toolbar { display: flex; gap: 6px; }
button { font: inherit; color: var(--rl-button-fg); background: var(--rl-button-bg); border: 1px solid var(--rl-border);
  border-radius: 3px; padding: 3px 10px; cursor: pointer; }
button:hover { background: var(--rl-button-hover); }
button:focus-visible, select:focus-visible { outline: 1px solid var(--rl-focus); outline-offset: 1px; }
button.small { padding: 1px 7px; font-size: 0.85em; }
select { font: inherit; color: var(--rl-fg); background: var(--rl-bg); border: 1px solid var(--rl-border); padding: 2px 4px; }
.step-picker { display: block; margin-top: 12px; }
#status:empty { display: none; }
#status { margin-top: 8px; color: var(--rl-muted); }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 12px; }
.card { position: relative; background: var(--rl-bg); border: 1px solid var(--rl-border); border-radius: 4px; padding: 8px; min-width: 0; }
.card.wide { grid-column: 1 / -1; }
.card-tools { display: flex; justify-content: flex-end; margin: -2px -2px 2px; }
.chart-box { position: relative; height: 280px; }
.chart-empty { margin: 0 0 4px; font-size: 0.92em; }
.chart-box.tall { height: 460px; max-width: 620px; margin: 0 auto; }
.chart-box.wide { height: 320px; }
.chart-box.step { height: 340px; }
.message { border: 1px solid var(--rl-border); border-left: 4px solid var(--rl-warning); background: var(--rl-card);
  padding: 10px 16px; margin-top: 16px; border-radius: 3px; }
.message.error { border-left-color: var(--rl-error); }
.message h2 { margin-top: 4px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--rl-border); padding: 4px 12px; text-align: center; }
thead th { font-weight: 600; }
tbody th { text-align: left; font-weight: 600; white-space: nowrap; }
td .value { display: block; }
td .interval { display: block; color: var(--rl-muted); font-size: 0.88em; }
td button.cell { all: unset; cursor: pointer; display: block; padding: 2px 4px; border-radius: 3px; }
td button.cell:hover { background: var(--rl-button-hover); }
td button.cell:focus-visible { outline: 1px solid var(--rl-focus); }
#skipped { margin-top: 20px; }
#skipped li { margin: 2px 0; }
`;
