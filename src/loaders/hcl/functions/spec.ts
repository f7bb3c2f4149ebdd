// How a built-in function is declared: its arity, and whether it takes nested unknowns and marks itself.
import type { UnknownValue, Value } from '../../../model/value';

/** What functions may reach outside the expression: files of the configuration, read-only. */
export interface FunctionContext {
  /** The text of a file, unknown where this tool does not read it; throws EvalError where Terraform would fail. */
  readFile?(path: string): string | UnknownValue;
}

export interface FunctionSpec {
  /** Required parameters. */
  min: number;
  /** Most parameters; Infinity for variadic functions. */
  max: number;
  /**
   * False (the default): the implementation sees arguments without any sensitive mark and never sees
   * an unknown, since any unknown inside an argument makes the result unknown. True: only top-level
   * marks and unknowns are handled for it; nested ones reach the implementation, which keeps them in
   * place (merge, concat, lookup…) so that one unknown leaf does not hide the rest of a collection.
   */
  shallow?: boolean;
  /** Top-level unknown arguments reach the implementation too (coalesce decides on what comes first). */
  allowUnknown?: boolean;
  /** The result is not marked sensitive for its arguments' marks (nonsensitive). */
  unmarks?: boolean;
  impl(args: Value[], context: FunctionContext): Value;
}

export type Family = Record<string, FunctionSpec>;

export const fixed = (n: number, impl: FunctionSpec['impl'], extra: Partial<FunctionSpec> = {}): FunctionSpec => ({ min: n, max: n, impl, ...extra });
