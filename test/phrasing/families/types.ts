// Shared shape of a phrasing-family generator (test/phrasing/families/*.ts).
//
// A family produces realistic model responses together with their TRUE candidate-answer labels,
// following docs/annotation-guide.md. Each family file declares the same PhrasingRecord shape
// itself (so that it stays self-contained); this file is for consumers that iterate over
// families (e.g. families.selfcheck.test.ts).

export interface PhrasingCandidate {
  value: string; // the value as written in the body
  offset: number; // index in body of the first character of the value
}

export interface PhrasingRecord {
  id: string;
  headers: Record<string, string>; // at least query, answer (ground truth); optionally task
  body: string; // the model response; no line may start with "==="
  candidates: PhrasingCandidate[]; // gold candidate answers in order
  final: string | null; // the value the response ends on
}

export type PhrasingSplit = 'dev' | 'heldout';

export interface PhrasingFamily {
  family: string;
  generate(seed: number, count: number, split: PhrasingSplit): PhrasingRecord[];
}

// Short aliases.
export type Split = PhrasingSplit;
export type Candidate = PhrasingCandidate;
