// The `reflectionLens.*` settings as the server uses them, read per resource (scopeUri) so a
// folder can carry its own lexicon. Whatever a client sends is checked field by field: a bad
// value falls back to its default and is reported, it never reaches the engine.
import type { AttributionOptions, KlEstimator, KlMode } from '../analysis/types.js';
import { OBJECTIVES, type ObjectiveName } from '../analysis/objectives.js';
import { DEFAULT_TOKEN_LIMIT, type SummaryOptions } from '../analysis/summary.js';
import type { ReaderKind, SegmentOptions } from '../trace/types.js';
import { defaultReader, defaultSegmentOptions } from '../trace/options.js';
import { compileAnswerPatterns } from '../trace/statements.js';
import { defaultAttributionOptions, MAX_BETA, MAX_EPS } from '../analysis/attribution.js';

export interface LensSettings {
  markers: string[];
  answerPatterns: string[];
  /** How candidates are chosen: the rules alone or with the learned stage (docs/segmentation-eval.md, "Stop 26"). */
  reader: ReaderKind;
  beta: number;
  eps: number;
  gamma: number;
  klEstimator: KlEstimator;
  /** Where the KL sits for hovers and the attribution summary. */
  klMode: KlMode;
  /** The objective whose per-step contribution the hover shows (Appendix D); hover only. */
  objective: ObjectiveName;
  ratioThreshold: number;
  /** Diagnostics published per document (diagnosticCap.ts); not part of the analysis. */
  maxDiagnostics: number;
  /** Calibration only (analysis/summary.ts): count records cut off at the generation limit. */
  includeTruncated: boolean;
  /** Calibration only: a record longer than this many tokens counts as cut off (paper, Appendix E: 8,192). */
  tokenLimit: number;
}

/** The engine's defaults; package.json `contributes.configuration` mirrors them (a unit test keeps them equal). */
export const defaultSettings: LensSettings = {
  markers: [...defaultSegmentOptions.markers],
  answerPatterns: [...defaultSegmentOptions.answerPatterns],
  reader: defaultReader,
  beta: defaultAttributionOptions.beta,
  eps: defaultAttributionOptions.eps,
  gamma: defaultAttributionOptions.gamma,
  klEstimator: defaultAttributionOptions.kl,
  // Theorem 3.2's placement, as `reflection-lens attribution` (its hover reads KL Q-values and the
  // attribution summary flags groups by them).
  klMode: defaultAttributionOptions.klMode,
  objective: 'surrogate',
  ratioThreshold: 10,
  maxDiagnostics: 1000,
  includeTruncated: false,
  tokenLimit: DEFAULT_TOKEN_LIMIT,
};

export interface CheckedSettings {
  settings: LensSettings;
  /** One line per rejected value, for the user. */
  problems: string[];
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function checkSettings(raw: unknown): CheckedSettings {
  const src = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const problems: string[] = [];
  const pick = <T>(key: keyof LensSettings, ok: (v: unknown) => boolean, expected: string): T => {
    const v = src[key];
    if (v === undefined || v === null) return defaultSettings[key] as T;
    if (ok(v)) return v as T;
    problems.push(`reflectionLens.${key}: expected ${expected}, got ${JSON.stringify(v)}; using the default`);
    return defaultSettings[key] as T;
  };
  const finiteAtLeast =
    (min: number, max = Infinity) =>
    (v: unknown) =>
      typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
  const markers = pick<string[]>('markers', isStringArray, 'an array of strings')
    .map((m) => m.trim())
    .filter((m) => m.length > 0);
  // An empty lexicon would find no decision at all: the default, with a warning (the CLI refuses
  // an empty --markers file; a setting cannot be refused, so it falls back).
  if (markers.length === 0) {
    problems.push('reflectionLens.markers: no phrase given; using the default lexicon');
    markers.push(...defaultSegmentOptions.markers);
  }
  const answerPatterns = pick<string[]>('answerPatterns', isStringArray, 'an array of strings').filter((p) => {
    const bad = compileAnswerPatterns([p]).errors[0];
    if (!bad) return true;
    problems.push(`reflectionLens.answerPatterns: ${JSON.stringify(p)} is not accepted (${bad.message}); ignored`);
    return false;
  });
  return {
    settings: {
      markers,
      answerPatterns,
      reader: pick('reader', (v) => v === 'rules' || v === 'learned', '"rules" or "learned"'),
      beta: pick('beta', finiteAtLeast(0, MAX_BETA), `a number from 0 to ${MAX_BETA}`),
      eps: pick('eps', finiteAtLeast(0, MAX_EPS), `a number from 0 to ${MAX_EPS}`),
      gamma: pick('gamma', finiteAtLeast(0, 1), 'a number in [0, 1]'),
      klEstimator: pick('klEstimator', (v) => v === 'k1' || v === 'k2' || v === 'k3', '"k1", "k2" or "k3"'),
      klMode: pick('klMode', (v) => v === 'loss' || v === 'reward', '"reward" or "loss"'),
      objective: pick('objective', (v) => (OBJECTIVES as readonly unknown[]).includes(v), OBJECTIVES.map((o) => `"${o}"`).join(', ')),
      ratioThreshold: pick('ratioThreshold', finiteAtLeast(1), 'a number >= 1'),
      maxDiagnostics: pick('maxDiagnostics', (v) => Number.isInteger(v) && (v as number) >= 1, 'a whole number >= 1'),
      includeTruncated: pick('includeTruncated', (v) => typeof v === 'boolean', 'true or false'),
      tokenLimit: pick('tokenLimit', finiteAtLeast(1), 'a number >= 1'),
    },
    problems,
  };
}

// One options object per settings object: the engine caches its compiled lexicon per options
// object, and a fresh object per record made it re-check the lexicon for every record.
const segmentOptions = new WeakMap<LensSettings, SegmentOptions>();
const attributionOptions = new WeakMap<LensSettings, AttributionOptions>();

export function segmentOptionsOf(s: LensSettings): SegmentOptions {
  let o = segmentOptions.get(s);
  if (!o) segmentOptions.set(s, (o = { markers: s.markers, answerPatterns: s.answerPatterns, reader: s.reader }));
  return o;
}

export function attributionOptionsOf(s: LensSettings): AttributionOptions {
  let o = attributionOptions.get(s);
  if (!o) attributionOptions.set(s, (o = { beta: s.beta, eps: s.eps, gamma: s.gamma, kl: s.klEstimator, klMode: s.klMode }));
  return o;
}

/** The calibration settings for the engine's summaries (traceSummary): which cut-off records count. */
export function summaryOptionsOf(s: LensSettings): Required<SummaryOptions> {
  return { includeTruncated: s.includeTruncated, tokenLimit: s.tokenLimit };
}

/**
 * Identity of the settings that a document's analysis depends on: equal keys mean cached results
 * stay valid. The calibration-only includeTruncated is left out (the calibration corpus keys on
 * it), and so is the hover's objective (computed per hover, never cached); tokenLimit is in: the
 * no-answer finding says whether a response was cut off at it.
 */
export function settingsKey(s: LensSettings): string {
  return JSON.stringify({ ...s, maxDiagnostics: undefined, includeTruncated: undefined, objective: undefined });
}
