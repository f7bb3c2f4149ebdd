// The documented limits on what one run reads and computes (README "Limits"). Hostile or broken input
// must end in a one-line error or an undecidable verdict that names the limit, never a crash or a hang.

/**
 * HCL text: `.tf` and `.tfvars` files. Parsing costs about 3 s and 300 MB per MiB (tree-sitter, then
 * the syntax tree), so a bound here bounds a run's time and memory; real files are far smaller.
 */
export const MAX_HCL_FILE_BYTES = 2 * 1024 * 1024;

/** JSON code and records: `.tf.json` (CDKTF stacks), `.tfvars.json`, baselines, manifests. */
export const MAX_JSON_FILE_BYTES = 64 * 1024 * 1024;

/**
 * A configuration's code in all (its modules' folders, each counted once): without these, many files
 * within their own limit would add up to more memory than V8's heap holds, and the run would die in an
 * out-of-memory crash rather than a one-line error. Measured: 3.8 MB of `.tf` took 5.4 s and 466 MiB,
 * 44 MB took 63 s and 3.3 GiB (V8's heap limit is a quarter of the machine's memory, at most 4 GiB).
 */
export const MAX_CONFIGURATION_HCL_BYTES = 8 * 1024 * 1024;
export const MAX_CONFIGURATION_JSON_BYTES = 128 * 1024 * 1024;

/** The okta-push-guard configuration file (JSON or YAML). */
export const MAX_CONFIG_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Plans and state (JSON, tfstate). Generous on purpose: real plans of large orgs run to gigabytes, and
 * the loaders that read them must not be capped below what they can handle.
 */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024 * 1024;

/** Standard input is held in memory whole, so it gets the in-memory reader's limit. */
export const MAX_STDIN_BYTES = 512 * 1024 * 1024;

/** Arrays and objects inside one another in any JSON document read (Terraform writes a few dozen at most). */
export const MAX_JSON_DEPTH = 500;

/** Syntax nodes inside one another in a `.tf` file: about 500 levels of nested expressions or blocks. */
export const MAX_HCL_DEPTH = 1500;

/** Instances one `count` or `for_each` may expand to before the expansion is undecidable. */
export const MAX_INSTANCES = 10_000;

/** Instances of all blocks and module calls of one configuration, past which further expansions are undecidable. */
export const MAX_TOTAL_INSTANCES = 100_000;

/** Characters one evaluated string may hold before its value is undecidable. */
export const MAX_STRING_LENGTH = 1_000_000;

/** Elements one evaluated list, set or map may hold before its value is undecidable. */
export const MAX_COLLECTION_SIZE = 100_000;

/**
 * Expression evaluations one configuration may take before the rest of its values are undecidable
 * (each 16 characters or elements of a value made count as one more).
 */
export const MAX_EVALUATION_STEPS = 5_000_000;

/** Thousands separators for messages: `16,777,216`. */
export function formatLimit(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Whether a parsed JSON value nests deeper than `limit` (arrays and objects): measured without
 * recursion, so the measuring itself cannot overflow the stack.
 */
export function nestsDeeperThan(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > limit) return true;
    const children = Array.isArray(v) ? v : Object.values(v as object);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push({ v: child, depth: depth + 1 });
  }
  return false;
}

/** The detail of the error for a document that nests too deeply. */
export function tooDeepDetail(what = 'arrays and objects'): string {
  return `${what} nest more than ${formatLimit(MAX_JSON_DEPTH)} levels deep (the limit okta-push-guard reads)`;
}
