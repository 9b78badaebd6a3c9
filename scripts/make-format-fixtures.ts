// Writes test/fixtures/formats/: small files in each published schema the readers take (Parquet in
// OpenR1-Math-220k's schema, chat transcripts, lm-evaluation-harness samples, Inspect AI logs,
// OpenAI-compatible completion dumps), each with the awkward cases: empty generations, null
// verdicts, finish_reason "length", several assistant turns, a <think> that never closes, nested
// Parquet lists, an .eval archive with one corrupt entry. Deterministic: rerun after a change and
// commit the output. Usage: node --import tsx scripts/make-format-fixtures.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  list,
  openr1Columns,
  openr1Schema,
  parquetBuffer,
  str,
  struct,
  zipBuffer,
  zipEntryDataOffset,
  type OpenR1Row,
  type SchemaElement,
} from './fixture-writers.js';

const OUT = 'test/fixtures/formats';
const write = (rel: string, data: string | Uint8Array): void => {
  const path = join(OUT, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, data);
  process.stdout.write(`wrote ${path}\n`);
};
const jsonl = (rows: unknown[]): string => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

// --- OpenR1-Math-220k (Parquet) ----------------------------------------------------------------
const r1 = (
  uuid: string,
  problem: string,
  answer: string,
  generations: OpenR1Row['generations'],
  verify: OpenR1Row['correctness_math_verify'],
  finish: OpenR1Row['finish_reasons'],
): OpenR1Row => ({
  problem,
  solution: `Worked solution. The answer is $\\boxed{${answer}}$.`,
  answer,
  problem_type: 'Algebra',
  question_type: 'math-word-problem',
  source: 'olympiads',
  uuid,
  is_reasoning_complete: generations?.map((g) => g !== null && g.includes('</think>')) ?? null,
  generations,
  correctness_math_verify: verify,
  correctness_llama: null,
  finish_reasons: finish,
  correctness_count: (verify ?? []).filter((v) => v === true).length,
  messages:
    generations && generations[0]
      ? [
          { role: 'user', content: problem },
          { role: 'assistant', content: generations[0] },
        ]
      : null,
});
const openr1: OpenR1Row[] = [
  r1(
    'a1',
    'What is 12 * 13?',
    '156',
    [
      '<think>\n12 * 13 = 120 + 36 = 156.\nWait, let me double-check: 13 * 12 = 130 + 26 = 156.\n</think>\n\nThe product is $\\boxed{156}$.',
      '<think>\n12 * 13 = 146.\nHmm, 12 * 3 = 36 and 120 + 36 = 156, so it is 156.\n</think>\n\n$\\boxed{156}$',
    ],
    [true, true],
    ['stop', 'stop'],
  ),
  // The dataset's verifier accepts 1/sqrt(2) for sqrt(2)/2; the engine compares forms: a disagreement.
  r1(
    'a2',
    'Find x > 0 such that 2x^2 = 1.',
    '\\frac{\\sqrt{2}}{2}',
    [
      '<think>\nx^2 = 1/2, so x = 1/sqrt(2).\n</think>\n\nSo $x = \\boxed{\\frac{1}{\\sqrt{2}}}$.',
      '<think>\nx = 2.\nWait, 2 * 4 = 8, not 1. Let me redo it: x = sqrt(2)/2.\n</think>\n\n$\\boxed{\\frac{\\sqrt{2}}{2}}$',
    ],
    [true, true],
    ['stop', 'stop'],
  ),
  // Empty generations: a row with nothing to read.
  r1('a3', 'What is 3 + 4?', '7', [], [], []),
  // Null verdicts: the whole list, and one element.
  r1('a4', 'What is 7 + 8?', '15', ['<think>\n7 + 8 = 15.\n</think>\n\n$\\boxed{15}$'], null, ['stop']),
  r1(
    'a5',
    'What is 99 * 99?',
    '9801',
    [
      // finish_reason "length": cut off mid-thought.
      '<think>\nLet me compute 99 * 99 = 9801.\nWait, let me verify by',
      '<think>\n99 * 99 = 100 * 99 - 99 = 9801.\n</think>\n\n$\\boxed{9801}$',
    ],
    [false, null],
    ['length', 'stop'],
  ),
  // A <think> that never closes with no finish reason, and an empty generation.
  r1('a6', 'What is 1 + 2 + 3?', '6', ['<think>\n1 + 2 + 3 = 6.\nHmm', ''], [false, false], null),
];
write('openr1/train-00000-of-00001.parquet', parquetBuffer(openr1Schema, openr1Columns(openr1), 3));

// --- Chat transcripts (JSONL, a JSON document, Parquet) -------------------------------------------
write(
  'chat/mixture-of-thoughts.jsonl',
  jsonl([
    {
      messages: [
        { role: 'user', content: 'What is 6 * 7?' },
        { role: 'assistant', content: '<think>\n6 * 7 = 42.\nWait, let me check: 7 * 6 = 42.\n</think>\n\nThe answer is $\\boxed{42}$.' },
      ],
      answer: '42',
      source: 'math',
      num_tokens: 40,
    },
    // Several assistant turns: the last one is the response.
    {
      messages: [
        { role: 'system', content: 'You are a careful solver.' },
        { role: 'user', content: 'What is 15 + 27?' },
        { role: 'assistant', content: '<think>\n15 + 27 = 32.\n</think>\n\n$\\boxed{32}$' },
        { role: 'user', content: 'Are you sure?' },
        { role: 'assistant', content: '<think>\n15 + 27: 15 + 20 = 35, 35 + 7 = 42.\n</think>\n\nI was wrong: $\\boxed{42}$.' },
      ],
      answer: '42',
      source: 'math',
      num_tokens: 80,
    },
    // A <think> that never closes: the response was cut off.
    {
      messages: [
        { role: 'user', content: 'What is 9 * 9?' },
        { role: 'assistant', content: '<think>\n9 * 9 = 81.\nLet me verify: 9 * 10 = 90, minus 9' },
      ],
      answer: '81',
      source: 'math',
      num_tokens: 30,
    },
    // Broken JSON, and a transcript without any assistant turn.
    '{"messages": [{"role": "user", "content": "What is 2 + 2?"}, {"role": "assistant", "content": "4"}',
    { messages: [{ role: 'user', content: 'What is 5 + 5?' }], answer: '10', source: 'math', num_tokens: 5 },
  ]),
);
// ShareGPT-style from/value turns (human/gpt) saved as one pretty-printed JSON list.
write(
  'chat/sharegpt.json',
  JSON.stringify(
    [
      {
        id: 's1',
        conversations: [
          { from: 'human', value: 'What is 11 * 11?' },
          { from: 'gpt', value: '<think>\n11 * 11 = 121.\n</think>\n\n$\\boxed{121}$' },
        ],
        answer: '121',
      },
      {
        id: 's2',
        conversations: [
          { from: 'human', value: 'What is 8 * 7?' },
          { from: 'gpt', value: '<think>\n8 * 7 = 54.\nWait, 8 * 7 = 56.\n</think>\n\n$\\boxed{56}$' },
        ],
        answer: '56',
      },
    ],
    null,
    2,
  ) + '\n',
);
// OpenThoughts-style Parquet: a LIST of {from, value} structs (a nested Parquet list).
const thoughts = [
  {
    system: 'Think step by step.',
    conversations: [
      { from: 'user', value: 'What is 14 * 3?' },
      {
        from: 'assistant',
        value:
          '<|begin_of_thought|>\n\n14 * 3 = 42.\nLet me verify: 3 * 14 = 42.\n\n<|end_of_thought|>\n\n<|begin_of_solution|>\n\n$\\boxed{42}$\n\n<|end_of_solution|>',
      },
    ],
    answer: '42',
  },
  {
    system: 'Think step by step.',
    conversations: [
      { from: 'user', value: 'What is 25 * 4?' },
      {
        from: 'assistant',
        value:
          '<|begin_of_thought|>\n\n25 * 4 = 90.\nWait, 25 * 4 = 100.\n\n<|end_of_thought|>\n\n<|begin_of_solution|>\n\n$\\boxed{100}$\n\n<|end_of_solution|>',
      },
    ],
    answer: '100',
  },
];
const thoughtsSchema: SchemaElement[] = [
  { name: 'schema', num_children: 3 },
  str('system'),
  ...list('conversations', [{ name: 'element', repetition_type: 'OPTIONAL', num_children: 2 }, str('from'), str('value')]),
  str('answer'),
];
write(
  'chat/openthoughts.parquet',
  parquetBuffer(
    thoughtsSchema,
    [
      { name: 'system', data: thoughts.map((t) => t.system) },
      { name: 'conversations', data: thoughts.map((t) => t.conversations) },
      { name: 'answer', data: thoughts.map((t) => t.answer) },
    ],
    1,
  ),
);

// --- lm-evaluation-harness samples ----------------------------------------------------------------
const natalia =
  'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?';
const weng = 'Weng earns $12 an hour for babysitting. Yesterday, she just did 50 minutes of babysitting. How much did she earn?';
const gsm = (
  docId: number,
  question: string,
  answer: string,
  resp: string,
  filtered: string,
  filter: string,
  em: number,
): Record<string, unknown> => ({
  doc_id: docId,
  doc: { question, answer },
  target: answer,
  arguments: {
    gen_args_0: {
      arg_0: `Question: ${question}\nAnswer:`,
      arg_1: { until: ['Question:', '</s>', '<|im_end|>'], do_sample: false, temperature: 0.0 },
    },
  },
  resps: [[resp]],
  filtered_resps: [filtered],
  filter,
  metrics: ['exact_match'],
  doc_hash: `d${docId}`,
  prompt_hash: `p${docId}`,
  target_hash: `t${docId}`,
  exact_match: em,
});
const nataliaAnswer =
  'Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72';
const wengAnswer = 'Weng earns 12/60 = $<<12/60=0.2>>0.2 per minute.\nWorking 50 minutes, she earned 0.2 x 50 = $<<0.2*50=10>>10.\n#### 10';
const nataliaResp = 'In May she sold 48 / 2 = 24 clips. Wait, let me check the total: 48 + 24 = 72. The answer is 72.';
// The strict regex wants "The answer is N."; this correct response misses it: exact_match 0.
const wengResp = 'She earns 12 / 60 = 0.2 dollars a minute, so 0.2 * 50 = 10. She earned $10.';
write(
  'lm-eval/Qwen__Qwen2.5-Math-7B/samples_gsm8k_2025-01-15T10-20-30.123456.jsonl',
  jsonl([
    gsm(0, natalia, nataliaAnswer, nataliaResp, '72', 'strict-match', 1),
    gsm(1, weng, wengAnswer, wengResp, '[invalid]', 'strict-match', 0),
    // A multiple-choice (log-likelihood) sample has no generated text.
    { ...gsm(2, 'Pick one.', 'B', '', '', 'strict-match', 0), resps: [[['-1.25', 'False']]], filtered_resps: [['-1.25', 'False']] },
    '{"doc_id": 3, "doc": {"question": "cut off"',
    gsm(0, natalia, nataliaAnswer, nataliaResp, '72', 'flexible-extract', 1),
    gsm(1, weng, wengAnswer, wengResp, '10', 'flexible-extract', 1),
  ]),
);
// lm-eval details pushed to the Hub as Parquet: `resps` is a LIST of LISTs (requests x repeats).
const details = [
  {
    doc_id: 0n,
    doc: { question: natalia, answer: nataliaAnswer },
    target: nataliaAnswer,
    resps: [[nataliaResp, 'She sold 48 + 48 = 96 clips. The answer is 96.']],
    filtered_resps: ['72'],
    filter: 'maj@2',
    metrics: ['exact_match'],
    exact_match: 1,
  },
  {
    doc_id: 1n,
    doc: { question: weng, answer: wengAnswer },
    target: wengAnswer,
    resps: [[wengResp]],
    filtered_resps: ['10'],
    filter: 'maj@2',
    metrics: ['exact_match'],
    exact_match: 1,
  },
];
const detailsSchema: SchemaElement[] = [
  { name: 'schema', num_children: 8 },
  { name: 'doc_id', type: 'INT64', repetition_type: 'OPTIONAL' },
  ...struct('doc', [[str('question')], [str('answer')]]),
  str('target'),
  ...list('resps', [
    { name: 'element', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    str('element'),
  ]),
  ...list('filtered_resps', [str('element')]),
  str('filter'),
  ...list('metrics', [str('element')]),
  { name: 'exact_match', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
];
write(
  'lm-eval/details_gsm8k.parquet',
  parquetBuffer(
    detailsSchema,
    (['doc_id', 'doc', 'target', 'resps', 'filtered_resps', 'filter', 'metrics', 'exact_match'] as const).map((name) => ({
      name,
      data: details.map((d) => d[name]),
    })),
    10,
  ),
);

// --- Inspect AI logs (.eval archive, .json log) ---------------------------------------------------
const evalSpec = {
  eval_id: 'e1',
  run_id: 'r1',
  created: '2025-02-01T10:00:00+00:00',
  task: 'gsm8k',
  task_id: 't1',
  task_version: 0,
  dataset: { name: 'gsm8k', samples: 4 },
  model: 'openai/gpt-4o-mini',
  config: { epochs: 2 },
};
const assistant = (reasoning: string | null, text: string): Record<string, unknown> => ({
  role: 'assistant',
  source: 'generate',
  content:
    reasoning === null
      ? text
      : [
          { type: 'reasoning', reasoning },
          { type: 'text', text },
        ],
});
const sample = (
  id: number,
  epoch: number,
  input: unknown,
  target: string,
  message: Record<string, unknown>,
  stop: string,
  value: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  id,
  epoch,
  input,
  target,
  messages: [{ role: 'user', content: typeof input === 'string' ? input : 'see input' }, message],
  output: {
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ message, stop_reason: stop }],
    usage: { input_tokens: 20, output_tokens: 40, total_tokens: 60 },
  },
  scores: { match: { value, answer: target, explanation: 'compared the final number' } },
  metadata: {},
  ...extra,
});
const samples = [
  sample(
    1,
    1,
    'What is 6 * 7?',
    '42',
    assistant('6 * 7 = 42.\nWait, let me check: 7 * 6 = 42.', 'The answer is $\\boxed{42}$.'),
    'stop',
    'C',
  ),
  sample(1, 2, 'What is 6 * 7?', '42', assistant('6 * 7 = 48.', 'The answer is $\\boxed{48}$.'), 'stop', 'I'),
  // The input as chat messages, and the output stored once as an attachment.
  sample(
    2,
    1,
    [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What is 9 * 9?' },
    ],
    '81',
    assistant(null, 'attachment://9f3a'),
    'stop',
    'C',
    { attachments: { '9f3a': '9 * 9 = 81, so the answer is $\\boxed{81}$.' } },
  ),
  // Cut off at the model's token limit.
  sample(
    2,
    2,
    [{ role: 'user', content: 'What is 9 * 9?' }],
    '81',
    assistant('9 * 9 = 81. Let me verify: 9 * 9 = 9 + 9 + 9', ''),
    'max_tokens',
    'I',
  ),
  sample(3, 1, 'What is 5 * 5?', '25', assistant(null, 'The answer is $\\boxed{25}$.'), 'stop', 'C'),
  // The scorer (a model grader) accepts a word the engine cannot compare: a disagreement.
  sample(10, 1, 'What is 3 * 4?', '12', assistant(null, 'Three fours make $\\boxed{twelve}$.'), 'stop', 'C'),
];
const entry = (s: Record<string, unknown>): { name: string; data: string } => ({
  name: `samples/${s.id}_epoch_${s.epoch}.json`,
  data: JSON.stringify(s),
});
const archive = zipBuffer([
  {
    name: '_journal/start.json',
    data: JSON.stringify({ version: 2, eval: evalSpec, plan: { name: 'plan', steps: [{ solver: 'generate' }] } }),
  },
  ...samples.map(entry),
  { name: 'reductions.json', data: '[]' },
  { name: 'summaries.json', data: JSON.stringify(samples.map((s) => ({ id: s.id, epoch: s.epoch }))) },
  {
    name: 'header.json',
    data: JSON.stringify({
      version: 2,
      status: 'success',
      eval: evalSpec,
      plan: { name: 'plan', steps: [] },
      results: { total_samples: 6, completed_samples: 6 },
      stats: {},
    }),
  },
]);
// One corrupt entry: bytes of samples/3_epoch_1.json flipped, so its CRC-32 (or inflate) fails.
const at = zipEntryDataOffset(archive, 'samples/3_epoch_1.json');
for (let k = 2; k < 12; k++) archive[at + k] ^= 0x5a;
write('inspect/gsm8k.eval', archive);
// The same log as Inspect's .json format, with one element broken (a missing comma).
const logJson = JSON.stringify(
  {
    version: 2,
    status: 'success',
    eval: evalSpec,
    plan: { name: 'plan', steps: [] },
    results: { total_samples: 6 },
    stats: {},
    samples: samples.filter((s) => s.id !== 3),
  },
  null,
  2,
);
write('inspect/gsm8k.json', logJson.replace('"id": 10,\n      "epoch": 1,', '"id": 10\n      "epoch": 1,') + '\n');

// A multiple_choice() log: the question is `input`, its options `choices`, the answer "ANSWER: X"
// (the form the solver asks for); the reader appends the options to the question as "A) ..." lines.
const mcSpec = { ...evalSpec, task: 'mmlu_0_shot', dataset: { name: 'mmlu', samples: 3 }, config: { epochs: 1 } };
const positronium =
  'A positronium atom makes a transition from the state with n=3 to a state with n=1. The energy of the photon emitted is closest to';
const mcSample = (id: number, target: string, text: string, value: string): Record<string, unknown> => ({
  ...sample(id, 1, positronium, target, assistant(null, text), 'stop', value),
  choices: ['6.0 eV', '6.8 eV', '12.2 eV', '13.6 eV'],
  scores: { choice: { value, answer: target, explanation: text } },
});
const mcSamples = [
  mcSample(1, 'A', 'The reduced mass halves the hydrogen energies: 13.6/2 * (1 - 1/9) = 6.04 eV.\n\nANSWER: A', 'C'),
  mcSample(2, 'A', 'ANSWER: C', 'I'),
  // No letter: the option's content stated is read as its letter.
  mcSample(
    3,
    'A',
    'For hydrogen the photon carries 12.2 eV; the reduced mass of positronium halves it, so the photon carries 6.0 eV.',
    'C',
  ),
];
write(
  'inspect/mmlu.eval',
  zipBuffer([
    ...mcSamples.map(entry),
    {
      name: 'header.json',
      data: JSON.stringify({ version: 2, status: 'success', eval: mcSpec, plan: { name: 'plan', steps: [{ solver: 'multiple_choice' }] } }),
    },
  ]),
);

// --- OpenAI-compatible chat completions -----------------------------------------------------------
const completion = (
  id: string,
  model: string,
  choices: { content: string | null; reasoning: string; finish: string }[],
): Record<string, unknown> => ({
  id,
  object: 'chat.completion',
  created: 1738000000,
  model,
  choices: choices.map((c, index) => ({
    index,
    message: { role: 'assistant', content: c.content, reasoning_content: c.reasoning, tool_calls: [] },
    logprobs: null,
    finish_reason: c.finish,
  })),
  usage: { prompt_tokens: 20, completion_tokens: 60, total_tokens: 80 },
});
// A vLLM dump that kept the request's messages and the ground truth beside each response.
write(
  'openai/vllm-dump.jsonl',
  jsonl([
    {
      messages: [{ role: 'user', content: 'What is 15 * 4?' }],
      answer: '60',
      ...completion('chatcmpl-1', 'deepseek-r1-distill-qwen-7b', [
        { content: 'The answer is $\\boxed{60}$.', reasoning: '15 * 4 = 60.\nWait, 4 * 15 = 60. Yes.', finish: 'stop' },
        { content: 'So $\\boxed{64}$.', reasoning: '15 * 4 = 64.', finish: 'stop' },
      ]),
    },
    // Cut off while still reasoning: no content yet.
    {
      messages: [{ role: 'user', content: 'What is 123 * 45?' }],
      answer: '5535',
      ...completion('chatcmpl-2', 'deepseek-r1-distill-qwen-7b', [
        { content: null, reasoning: '123 * 45 = 123 * 40 + 123 * 5 = 4920 + 615 = 5535.\nLet me double-check by', finish: 'length' },
      ]),
    },
  ]),
);
// Batch API output: {custom_id, response: {status_code, body}, error}; one request failed.
write(
  'openai/batch-output.jsonl',
  jsonl([
    {
      id: 'batch_req_1',
      custom_id: 'q-1',
      response: {
        status_code: 200,
        request_id: 'req_1',
        body: completion('chatcmpl-a', 'gpt-4o-mini', [{ content: 'The answer is $\\boxed{60}$.', reasoning: '', finish: 'stop' }]),
      },
      error: null,
    },
    {
      id: 'batch_req_2',
      custom_id: 'q-2',
      response: null,
      error: { code: 'server_error', message: 'The server had an error processing your request.' },
    },
  ]),
);
