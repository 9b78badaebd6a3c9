// The offline HTML calibration report (`reflection-lens calibrate --html`): one self-contained
// file with the same view as the VS Code panel. The built browser bundle and the result are
// inlined; the page loads nothing from the network (strict CSP with a nonce).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CalibrationResult } from '../analysis/types.js';
import { makeNonce } from '../../../protocol/pages/csp.js';
import { calibrationPageHtml } from '../../../protocol/pages/calibrationPage.js';

/**
 * Where the built bundle lies: next to the running bundle (dist/cli.js -> dist/media/) or, when
 * run from sources (tests, tsx), in the repository's dist/.
 */
export function calibrationBundlePath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'media', 'calibration.js'), join(here, '..', '..', '..', 'dist', 'media', 'calibration.js')];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`the calibration view bundle is not built (looked for ${candidates.join(', ')}); run npm run build`);
  return found;
}

/** The report page for `result`. `bundle` overrides the bundle's text (tests). */
export function renderCalibrationHtml(result: CalibrationResult, opts: { bundle?: string; title?: string } = {}): string {
  const text = (opts.bundle ?? readFileSync(calibrationBundlePath(), 'utf8')).replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  return calibrationPageHtml({ nonce: makeNonce(), script: { text }, data: result, title: opts.title });
}
