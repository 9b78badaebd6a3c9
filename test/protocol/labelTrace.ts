// The two-record trace the labelling tests label: record 1 corrects a wrong answer (418 -> 408),
// record 2 states one answer in prose.
export const labelTrace = [
  '=== 1',
  'query: Calculate 12 * 34.',
  'answer: 408',
  '---',
  '12 * 34 = 360 + 58.',
  'So the answer is 418.',
  'Wait, 12 * 4 is 48, not 58.',
  'So the answer is 408.',
  '=== 2',
  'query: Calculate 7 * 8.',
  'answer: 56',
  '---',
  'Seven eights: 56 in all, I think.',
  '',
].join('\n');
