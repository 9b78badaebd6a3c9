// The fifty-fifth pass's rules (docs/segmentation-eval.md "Stop 30: pass 55"): numbered options
// ("1. Tom is Bob's grandchild. 2. ..." where the question asks for the option's number), an option
// chosen by its content read as its number, and answer tags ("<ANSWER>2</ANSWER>") as explicit final
// answers. The questions and responses are written for this test, with the cases the rules must
// leave alone (a numbered list of a math question's conditions, numbered steps in a response, a
// sentence that names two options alike, a relation stated the other way round, a question).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuestion } from '../../../server/src/trace/question.js';
import { defaultSegmentOptions } from '../../../server/src/trace/options.js';
import { segmentAttempts } from '../../../server/src/trace/segment.js';
import { record } from './segmentRuleHelpers.js';
import { runCase, segmentationCases, FAMILY_55, TAGGED_55 } from '../../../bench/adversarial.js';

const read = (query: string, body: string) => segmentAttempts(record(query, body), { ...defaultSegmentOptions, reader: 'rules' });
const rules = (query: string, body: string): string[] => read(query, body).attempts.map((a) => a.candidate.value);

// One line: a record's header holds its question so (a line break reads as a blank).
const family = FAMILY_55;
const tagged = TAGGED_55;

test('55a: numbered options are read when the question asks for an option number', () => {
  const q = analyzeQuestion(family);
  assert.deepEqual(
    q.optionWords?.map((o) => o.letter),
    ['1', '2', '3'],
  );
  assert.deepEqual(q.optionWords?.[1].distinct, ['grandmother']);
  // The option numbers are labels, not values the question quotes: "the answer is option 2" is read.
  assert.deepEqual(rules(family, "Kim is Lou's mother and Lou is Max's father.\n\nTherefore, the answer is option 2."), ['2']);
  assert.deepEqual(rules(family, 'Two generations up on the mother side.\n\n\\boxed{2}'), ['2']);
  // "(1)" and "1)" labels too.
  const parens = family.replace('1. ', '(1) ').replace('2. ', '(2) ').replace('3. ', '(3) ');
  assert.deepEqual(
    analyzeQuestion(parens).optionWords?.map((o) => o.letter),
    ['1', '2', '3'],
  );
});

test('55a: a numbered list that is not options leaves the question as it was', () => {
  // A math question's numbered conditions, asking for a number: no options; its values are values.
  const conditions =
    'Find the integer n with these properties: 1. n is even. 2. n lies between 10 and 14. 3. n is divisible by 3. What is n?';
  assert.equal(analyzeQuestion(conditions).optionWords, undefined);
  assert.deepEqual(rules(conditions, 'Even numbers between 10 and 14: 12. It is divisible by 3.\n\nSo n is 12.'), ['12']);
  // A single numbered line is no list of options.
  assert.equal(analyzeQuestion("Pick one: 1. Kim is Max's aunt. Answer with selected option number.").optionWords, undefined);
});

test('55b: an option concluded by its content reads as its number', () => {
  assert.deepEqual(rules(family, "Kim is Lou's mother and Lou is Max's father, so Kim is Max's grandmother."), ['2']);
  const s = read(family, "Kim is Lou's mother and Lou is Max's father.\n\nSo Kim is Max's grandmother.");
  assert.deepEqual(
    s.attempts.map((a) => a.candidate.value),
    ['2'],
  );
  assert.equal(s.final?.value, '2');
  // Numbered steps in the response are no options: only the concluding step names one.
  assert.deepEqual(rules(family, "1. Kim is Lou's mother.\n2. Lou is Max's father.\n3. Hence Kim is Max's grandmother."), ['2']);
  assert.deepEqual(rules(family, "1. Kim is Lou's mother.\n2. Lou is Max's father.\n3. Hence Kim is Max's granddaughter."), ['1']);
});

test('55b: not a question, a tie, or the relation stated the other way round', () => {
  // A question is no conclusion.
  assert.deepEqual(rules(family, "So Kim is Max's granddaughter? Let me look at the generations once more."), []);
  // Two options named alike.
  assert.deepEqual(rules(family, "So Kim is Max's grandmother or aunt."), []);
  // "Max is Kim's granddaughter" holds option 1's words in another order, and states option 2 the
  // other way round: not guessed.
  assert.deepEqual(rules(family, "Kim is two generations above Max. So Max is Kim's granddaughter."), []);
  // Denied.
  assert.deepEqual(rules(family, "So Kim is not Max's aunt."), []);
});

test('55d: for numbered options, a sentence that ends an attempt names its option without a cue', () => {
  // Before the next attempt's opening ("Wait", "Hmm", "Let me recheck"), and at the end of the text.
  assert.deepEqual(
    rules(family, "Kim is Lou's mother. Lou is Max's father. Kim is Max's aunt.\n\nWait, Lou is Kim's son. Kim is Max's grandmother."),
    ['3', '2'],
  );
  assert.deepEqual(rules(family, "Kim is Lou's mother and Lou is Max's father. Kim is Max's grandmother."), ['2']);
  // Not a premise that names no option, a question, or a relation the other way round.
  assert.deepEqual(rules(family, "Kim is Lou's mother. Wait, Lou is Max's father."), []);
  assert.deepEqual(rules(family, "Kim is Max's aunt? Hmm, Lou is Max's father."), []);
  assert.deepEqual(rules(family, "Kim is two generations up. Max is Kim's granddaughter."), []);
  // Lettered options keep pass 47's cue: an ending sentence without one names nothing.
  const planet = 'Which planet of the solar system has the highest mean density? (A) Jupiter (B) Saturn (C) Earth (D) Mars';
  assert.deepEqual(rules(planet, 'Rocky planets are denser than gas giants. It must be Earth, compressed most.'), []);
});

test('55c: an answer tag is an explicit final answer, of any answer type', () => {
  assert.deepEqual(rules(tagged, "Kim is Lou's mother; Lou is Max's father.\n\n<ANSWER>2</ANSWER>"), ['2']);
  const s = read(tagged, "So Kim is Max's grandmother? Wait, no. Let me check again. Kim is Lou's mother.\n\n<ANSWER>2</ANSWER>");
  assert.deepEqual(
    s.attempts.map((a) => a.candidate.value),
    ['2'],
  );
  assert.equal(s.attempts[0].candidate.rule, 'boxed');
  const race = 'Ann, Ben and Cal ran a race. Ben beat Cal, Ann beat Ben. Who finished last? Write the name in <answer></answer> tags.';
  assert.deepEqual(rules(race, 'Ann beat Ben, and Ben beat Cal, so the order is Ann, Ben, Cal.\n\n<answer>Cal</answer>'), ['Cal']);
  assert.deepEqual(rules('What is 6 times 7?', 'Six sevens make 42.\n\n<answer> 42 </answer>'), ['42']);
});

test('55c: not the format quoted, an open tag alone, or a placeholder', () => {
  const q = "What is 6 times 7? End your reply with a line of the form 'Answer: <answer>'.";
  // The open tag alone is the format; the value is read by the other rules as before.
  assert.deepEqual(rules(q, "I must end with 'Answer: <answer>'. Six sevens make 42.\n\nAnswer: 42"), ['42']);
  assert.deepEqual(rules('What is 6 times 7?', 'I will put <answer>your answer</answer> at the end. Six sevens.'), []);
  assert.deepEqual(rules('What is 6 times 7?', 'The format is `<answer>7</answer>`. Six sevens.'), []);
});

// A hang guard for catastrophic backtracking (the timeout), not a measurement: `npm run bench -- linear` times these inputs.
test('55: 20 KB bodies of tags, options and cues: segmentation completes', { timeout: 120_000 }, () => {
  runCase(segmentationCases.rules55);
});
