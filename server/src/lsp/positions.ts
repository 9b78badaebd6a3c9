// Engine spans are relative to a record entry's base line; LSP wants document positions.
import type { Range } from 'vscode-languageserver';
import type { Span } from '../trace/types.js';

export function toRange(span: Span, base: number): Range {
  return {
    start: { line: span.line + base, character: span.column },
    end: { line: span.endLine + base, character: span.endColumn },
  };
}

/** Whether document position (line, character) falls inside `span` (relative to `base`), ends included. */
export function spanContains(span: Span, base: number, line: number, character: number): boolean {
  const l = line - base;
  if (l < span.line || l > span.endLine) return false;
  if (l === span.line && character < span.column) return false;
  if (l === span.endLine && character > span.endColumn) return false;
  return true;
}
