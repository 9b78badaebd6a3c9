// `--max-tokens N`, the generation limit that segment, calibrate and eval-segmentation read alike:
// a response over it is cut off (segment.ts cutOffReason).
import { DEFAULT_TOKEN_LIMIT } from '../analysis/summary.js';
import { numberFlag, UsageError, type ParsedArgs } from '../util/args.js';

export function tokenLimitFromArgs(args: ParsedArgs): number {
  const tokenLimit = numberFlag(args, 'max-tokens', DEFAULT_TOKEN_LIMIT);
  if (!(Number.isInteger(tokenLimit) && tokenLimit >= 1))
    throw new UsageError(`--max-tokens must be a positive integer, got ${tokenLimit}`);
  return tokenLimit;
}
