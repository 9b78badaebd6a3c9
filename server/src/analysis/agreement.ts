// Agreement between a corpus's own correctness verdicts (a dataset's correctness_math_verify
// column, lm-eval's metric, an Inspect scorer) and the engine's final-answer check, per calibration
// group. A large disagreement says the engine's answer extraction or comparison does not fit the
// corpus, before any calibrated number is trusted; the disagreeing records are listed (the first
// LISTED by file and line, so the list does not depend on how the corpus was split over workers).
import type { TraceSummary, VerdictAgreement } from './types.js';

/** Disagreeing records kept per group. */
export const LISTED_DISAGREEMENTS = 1000;

type Disagreement = VerdictAgreement['disagreements'][number];

export interface AgreementState {
  compared: number;
  agree: number;
  sourceOnly: number;
  engineOnly: number;
  noVerdict: number;
  disagreements: Disagreement[];
  unlisted: number;
}

export class AgreementTally {
  compared = 0;
  agree = 0;
  /** The source says correct, the engine wrong. */
  sourceOnly = 0;
  /** The engine says correct, the source wrong. */
  engineOnly = 0;
  /** Records whose source had a verdict field but no verdict (null, partial credit). */
  noVerdict = 0;
  private listed: Disagreement[] = [];
  private unlisted = 0;

  /** Counts a calibrated summary (one with ground truth, not cut off); records without a verdict field are not counted. */
  add(s: TraceSummary): void {
    if (s.sourceVerdict === undefined) return;
    if (s.sourceVerdict === null) {
      this.noVerdict++;
      return;
    }
    this.compared++;
    const engine = s.finalCorrect;
    if (engine === s.sourceVerdict) {
      this.agree++;
      return;
    }
    if (s.sourceVerdict) this.sourceOnly++;
    else this.engineOnly++;
    this.keep({ file: s.file, line: s.line, id: s.id, source: s.sourceVerdict, engine });
  }

  private keep(d: Disagreement): void {
    this.listed.push(d);
    // Keep the first LISTED by (file, line, id): the same whichever worker saw which record.
    if (this.listed.length > 2 * LISTED_DISAGREEMENTS) this.trim();
  }

  private trim(): void {
    this.listed.sort(compareDisagreements);
    if (this.listed.length > LISTED_DISAGREEMENTS) {
      this.unlisted += this.listed.length - LISTED_DISAGREEMENTS;
      this.listed.length = LISTED_DISAGREEMENTS;
    }
  }

  get empty(): boolean {
    return this.compared === 0 && this.noVerdict === 0;
  }

  merge(o: AgreementState): void {
    this.compared += o.compared;
    this.agree += o.agree;
    this.sourceOnly += o.sourceOnly;
    this.engineOnly += o.engineOnly;
    this.noVerdict += o.noVerdict;
    this.unlisted += o.unlisted;
    for (const d of o.disagreements) this.keep(d);
  }

  state(): AgreementState {
    this.trim();
    return {
      compared: this.compared,
      agree: this.agree,
      sourceOnly: this.sourceOnly,
      engineOnly: this.engineOnly,
      noVerdict: this.noVerdict,
      disagreements: this.listed,
      unlisted: this.unlisted,
    };
  }

  static fromState(s: AgreementState): AgreementTally {
    const t = new AgreementTally();
    t.merge(s);
    return t;
  }

  result(): VerdictAgreement {
    this.trim();
    return {
      compared: this.compared,
      agree: this.agree,
      rate: this.compared === 0 ? NaN : this.agree / this.compared,
      sourceOnly: this.sourceOnly,
      engineOnly: this.engineOnly,
      noVerdict: this.noVerdict,
      disagreements: [...this.listed],
      unlisted: this.unlisted,
    };
  }
}

const collator = new Intl.Collator('en', { numeric: true });

function compareDisagreements(a: Disagreement, b: Disagreement): number {
  return collator.compare(a.file, b.file) || a.line - b.line || collator.compare(a.id, b.id);
}
