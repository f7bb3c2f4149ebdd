// Why an expression has no value.
import { formatLimit, MAX_COLLECTION_SIZE, MAX_EVALUATION_STEPS, MAX_INSTANCES, MAX_STRING_LENGTH, MAX_TOTAL_INSTANCES } from '../../inputs/limits';

/** An expression that would fail in Terraform too (a missing key, a wrong type): try() and can() catch these. */
export class EvalError extends Error {}

/**
 * A documented limit was reached (README "Limits"): the value is undecidable. Not an EvalError, so
 * try() and can() pass it on rather than read it as a failure; safe() makes the value unknown.
 */
export class LimitError extends Error {}

/**
 * The work one configuration's evaluation may take. Evaluation is synchronous and per configuration,
 * so one budget, reset when a configuration starts, bounds it without threading a counter through
 * every function.
 */
const budget = { steps: 0, depth: 0, instances: 0 };

/** Evaluations nested inside one another (expressions, references to locals, outputs and variables). */
export const MAX_EVALUATION_DEPTH = 250;

export function resetEvaluationBudget(): void {
  budget.steps = 0;
  budget.depth = 0;
  budget.instances = 0;
}

/** One evaluation step, plus one for every 16 characters or elements of a value made (so memory is bounded too). */
export function chargeSteps(n = 1): void {
  budget.steps += n;
  if (budget.steps > MAX_EVALUATION_STEPS) throw new LimitError(`more than ${formatLimit(MAX_EVALUATION_STEPS)} evaluation steps`);
}

/** Runs `f` one evaluation level deeper. */
export function deeper<T>(f: () => T): T {
  if (budget.depth >= MAX_EVALUATION_DEPTH) throw new LimitError(`evaluation nested more than ${formatLimit(MAX_EVALUATION_DEPTH)} levels deep`);
  budget.depth++;
  try {
    return f();
  } finally {
    budget.depth--;
  }
}

/** A string of `length` characters that may be made: within the limit, and charged to the budget. */
export function checkLength(length: number): void {
  if (length > MAX_STRING_LENGTH) throw new LimitError(`a string of more than ${formatLimit(MAX_STRING_LENGTH)} characters`);
  if (length >= 16) chargeSteps(length >>> 4);
}

/** A collection of `size` elements that may be made: within the limit, and charged to the budget. */
export function checkCount(size: number): void {
  if (size > MAX_COLLECTION_SIZE) throw new LimitError(`a collection of more than ${formatLimit(MAX_COLLECTION_SIZE)} elements`);
  if (size >= 16) chargeSteps(size >>> 4);
}

/** `n` instances of one block or module call: false past the limits, which leaves the expansion undecidable. */
export function allowInstances(n: number): boolean {
  if (n > MAX_INSTANCES || budget.instances + n > MAX_TOTAL_INSTANCES) return false;
  budget.instances += n;
  return true;
}
