// Why an expression has no value.

/** An expression that would fail in Terraform too (a missing key, a wrong type): try() and can() catch these. */
export class EvalError extends Error {}
