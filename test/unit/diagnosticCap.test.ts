// What the language server publishes when a document has more diagnostics than the editor keeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { capDiagnostics } from '../../server/src/lsp/diagnosticCap.js';

const diag = (line: number, severity: DiagnosticSeverity | undefined): Diagnostic => ({
  range: { start: { line, character: 0 }, end: { line, character: 1 } },
  severity,
  message: `d${line}`,
});

const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

test('a list that fits is published as it is', () => {
  const all = [diag(0, 2), diag(1, 3)];
  assert.equal(capDiagnostics(all, 2), all);
  assert.equal(capDiagnostics([], 1).length, 0);
});

test('over the cap: errors, then warnings in document order, then a note counting what was left out', () => {
  // Lines 0..29: every 10th an error, every 3rd an information, the rest warnings.
  const all = Array.from({ length: 30 }, (_, i) =>
    diag(i, i % 10 === 0 ? DiagnosticSeverity.Error : i % 3 === 0 ? DiagnosticSeverity.Information : DiagnosticSeverity.Warning),
  );
  const out = capDiagnostics(all, 8);
  assert.equal(out.length, 8);
  const kept = out.slice(0, -1);
  const note = out.at(-1)!;
  // 3 errors (lines 0, 10, 20) and the first 4 warnings (1, 2, 4, 5), in document order.
  assert.deepEqual(
    kept.map((d) => d.range.start.line),
    [0, 1, 2, 4, 5, 10, 20],
  );
  assert.equal(note.code, 'diagnostics-capped');
  assert.equal(note.severity, DiagnosticSeverity.Information);
  const warnings = all.filter((d) => d.severity === DiagnosticSeverity.Warning).length;
  const infos = all.filter((d) => d.severity === DiagnosticSeverity.Information).length;
  assert.match(messageOf(note), new RegExp(`^23 further diagnostics not shown \\(${warnings - 4} warnings, ${infos} information\\)`));
  assert.match(messageOf(note), /at most 8 per file/);
});

test('more errors than room: the first errors are kept; a missing severity counts as an error', () => {
  const all = [diag(0, 3), diag(1, undefined), diag(2, 1), diag(3, 1), diag(4, 2)];
  const out = capDiagnostics(all, 3);
  assert.deepEqual(
    out.slice(0, -1).map((d) => d.range.start.line),
    [1, 2],
  );
  assert.match(messageOf(out[2]), /^3 further diagnostics not shown \(1 error, 1 warning, 1 information\)/);
  // A cap of 1 leaves room for the note alone.
  assert.deepEqual(
    capDiagnostics(all, 1).map((d) => d.code),
    ['diagnostics-capped'],
  );
});
