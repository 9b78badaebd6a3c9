// Rows of a verl RL dataset, shaped exactly like verl's GSM8K example
// (examples/data_preprocess/gsm8k.py): data_source, prompt (chat messages), ability,
// reward_model {style, ground_truth}, extra_info {split, index, ...}. verl's RLHFDataset reads
// `prompt` (data.prompt_key) and hands data_source, reward_model.ground_truth and extra_info to
// the reward function; everything else is for people reading the data.

export type VerlSplit = 'train' | 'test';

export interface VerlChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface VerlRow {
  /** Also the key verl groups validation metrics by (`val-core/<data_source>/...`). */
  data_source: string;
  prompt: VerlChatMessage[];
  ability: string;
  reward_model: { style: 'rule'; ground_truth: string };
  extra_info: {
    split: VerlSplit;
    index: number;
    /** The prompt text without chat wrapping, so the row reads on its own. */
    question: string;
    /** The ground truth again, as gsm8k.py keeps the raw answer here. */
    answer: string;
    /** Reflection Lens difficulty key (e.g. "3x4"), so verl's dumps regroup by task. */
    task: string;
  };
}

/** One prompt with its ground truth: a multiplication problem or a record of a trace corpus. */
export interface PromptWithAnswer {
  query: string;
  answer: string;
  task: string;
}

/**
 * Where a prompt comes from shapes data_source: one per multiplication task, so verl's
 * validation logs show accuracy per difficulty (in- and out-of-distribution) without any
 * Reflection Lens code on the cluster.
 */
export function dataSourceFor(kind: 'multiplication' | 'corpus', task: string): string {
  const safeTask = task.replace(/[^A-Za-z0-9_.-]+/g, '_');
  if (kind === 'multiplication') return `multiplication_${safeTask}`;
  return safeTask ? `corpus_${safeTask}` : 'corpus';
}

export function toVerlRows(items: readonly PromptWithAnswer[], split: VerlSplit, kind: 'multiplication' | 'corpus'): VerlRow[] {
  return items.map((item, index) => ({
    data_source: dataSourceFor(kind, item.task),
    prompt: [{ role: 'user', content: item.query }],
    ability: kind === 'multiplication' ? 'arithmetic' : 'math',
    reward_model: { style: 'rule', ground_truth: item.answer },
    extra_info: { split, index, question: item.query, answer: item.answer, task: item.task },
  }));
}
