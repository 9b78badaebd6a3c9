// What the rule-pass tests (segmentRules12..14.test.ts) share: a one-record trace and its candidates'
// values. The adversarial bodies of their linear-time guards are bench/adversarial.ts's (the tests
// run them as hang guards, `npm run bench -- linear` times them).
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from '../../../bench/adversarial.js';

export { record, repeatTo } from '../../../bench/adversarial.js';

/** Each candidate's value in the body of one record with this question and body. */
export function values(query: string, body: string): string[] {
  return segmentAttempts(record(query, body), defaultSegmentOptions).attempts.map((a) => a.candidate.value);
}
