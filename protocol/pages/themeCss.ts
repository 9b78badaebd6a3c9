// The theme's CSS variables for every Reflection Lens page: VS Code's `--vscode-*` values when
// the page is a webview, light/dark fallbacks for the standalone HTML reports. Charts read the
// `--rl-*` variables at render time (media/shared/theme.ts).

/** CSS that defines the `--rl-*` variables: VS Code's values when present, light/dark fallbacks otherwise. */
export const themeCss = `
:root {
  --rl-bg: var(--vscode-editor-background, #ffffff);
  --rl-fg: var(--vscode-editor-foreground, #1f2328);
  --rl-muted: var(--vscode-descriptionForeground, #59636e);
  --rl-border: var(--vscode-panel-border, #d1d9e0);
  --rl-grid: var(--vscode-editorWidget-border, rgba(128,128,128,0.22));
  --rl-card: var(--vscode-sideBar-background, #f6f8fa);
  --rl-link: var(--vscode-textLink-foreground, #0969da);
  --rl-button-bg: var(--vscode-button-secondaryBackground, #e7ecf0);
  --rl-button-fg: var(--vscode-button-secondaryForeground, #1f2328);
  --rl-button-hover: var(--vscode-button-secondaryHoverBackground, #d5dde3);
  --rl-focus: var(--vscode-focusBorder, #0969da);
  --rl-error: var(--vscode-errorForeground, #cf222e);
  --rl-warning: var(--vscode-editorWarning-foreground, #9a6700);
  --rl-font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  --rl-mono: var(--vscode-editor-font-family, ui-monospace, "SFMono-Regular", Menlo, monospace);
  --rl-font-size: var(--vscode-font-size, 13px);
  --rl-c1: var(--vscode-charts-blue, #1f77b4);
  --rl-c2: var(--vscode-charts-orange, #e8710a);
  --rl-c3: var(--vscode-charts-green, #2ca02c);
  --rl-c4: var(--vscode-charts-purple, #9467bd);
  --rl-c5: var(--vscode-charts-red, #d62728);
  --rl-c6: var(--vscode-charts-yellow, #bcbd22);
}
@media (prefers-color-scheme: dark) {
  :root {
    --rl-bg: var(--vscode-editor-background, #1e1e1e);
    --rl-fg: var(--vscode-editor-foreground, #d4d4d4);
    --rl-muted: var(--vscode-descriptionForeground, #a0a0a0);
    --rl-border: var(--vscode-panel-border, #3c3c3c);
    --rl-card: var(--vscode-sideBar-background, #252526);
    --rl-link: var(--vscode-textLink-foreground, #4daafc);
    --rl-button-bg: var(--vscode-button-secondaryBackground, #3a3d41);
    --rl-button-fg: var(--vscode-button-secondaryForeground, #ffffff);
    --rl-button-hover: var(--vscode-button-secondaryHoverBackground, #45494e);
    --rl-c1: var(--vscode-charts-blue, #4e9fe0);
    --rl-c2: var(--vscode-charts-orange, #f0a04b);
    --rl-c3: var(--vscode-charts-green, #6cc26c);
    --rl-c4: var(--vscode-charts-purple, #b48ee0);
    --rl-c5: var(--vscode-charts-red, #f06c6c);
    --rl-c6: var(--vscode-charts-yellow, #e0d060);
  }
}
`;
