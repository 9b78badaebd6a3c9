// The paper's own Table 1 (Qwen2.5-7B-Instruct; accuracy % and the 95% Wald interval on 100
// problems per task), shown beside a run for reference. The paper's text lost the operand sizes
// of its columns in extraction; they are seven out-of-distribution multiplication tasks of
// increasing difficulty, numbered (1)-(7) as in the paper.
import type { ArmName } from './plan.js';

export interface PaperCell {
  value: number;
  lo: number;
  hi: number;
}

export interface PaperTable1 {
  source: string;
  note: string;
  columns: string[];
  rows: { arm: ArmName; label: string; cells: PaperCell[] }[];
}

const cells = (rows: [number, number, number][]): PaperCell[] => rows.map(([value, lo, hi]) => ({ value, lo, hi }));

export const PAPER_TABLE1: PaperTable1 = {
  source: 'Two-stage decision-sampling paper, Table 1 (Qwen2.5-7B-Instruct base; SFT with LLaMA-Factory, RL with verl GRPO)',
  note: 'Accuracy in percent with the 95% Wald interval, 100 problems per task at temperature 1. All seven tasks are out of distribution for the post-training, ordered by difficulty; the text does not preserve their operand sizes.',
  columns: ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)'],
  rows: [
    {
      arm: 'base',
      label: 'Base',
      cells: cells([
        [74, 65.4, 82.6],
        [34, 24.7, 43.3],
        [5, 0.7, 9.3],
        [1, -1, 3],
        [4, 0.2, 7.8],
        [3, -0.3, 6.3],
        [1, -1, 3],
      ]),
    },
    {
      arm: 'sft-no-reflection',
      label: 'SFT (no reflection)',
      cells: cells([
        [75, 66.5, 83.5],
        [32, 22.9, 41.1],
        [6, 1.3, 10.7],
        [2, -0.7, 4.7],
        [1, -1, 3],
        [0, 0, 0],
        [1, -1, 3],
      ]),
    },
    {
      arm: 'sft-reflection',
      label: 'SFT (reflection)',
      cells: cells([
        [96, 92.2, 99.8],
        [92, 86.7, 97.3],
        [94, 89.3, 98.7],
        [49, 39.2, 58.8],
        [4, 0.2, 7.8],
        [1, -1, 3],
        [0, 0, 0],
      ]),
    },
    {
      arm: 'rl',
      label: 'RL',
      cells: cells([
        [98, 95.3, 100.7],
        [91, 85.4, 96.6],
        [92, 86.7, 97.3],
        [90, 84.1, 95.9],
        [72, 63.2, 80.8],
        [53, 43.2, 62.8],
        [34, 24.7, 43.3],
      ]),
    },
  ],
};
