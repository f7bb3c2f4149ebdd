// Picks the loader for a parsed document by its content and turns shape problems into LoadErrors.
import { detect } from '../inputs/detect';
import type { Inventory } from '../model/inventory';
import { LoadError, type Result } from '../inputs/load-error';
import { loadPlan } from './plan';
import { ShapeError } from '../inputs/shape';
import { loadState } from './state';
import { loadTfstate } from './tfstate';

export function loadDocument(json: unknown, file: string): Result<Inventory> {
  const detection = detect(json);
  try {
    switch (detection.kind) {
      case 'plan':
        return { ok: true, value: loadPlan(json, file) };
      case 'redacted-plan':
        return { ok: true, value: loadPlan(json, file, true) };
      case 'state':
        return { ok: true, value: loadState(json, file) };
      case 'tfstate':
        return { ok: true, value: loadTfstate(json, file) };
      case 'legacy-tfstate': {
        const version = (json as { version: number }).version;
        return fail(
          'unsupported-version',
          file,
          `raw tfstate version ${version} is not supported (only version 4, written by Terraform 0.12 and later); ` +
            'lint the output of `terraform show -json` instead',
        );
      }
      case 'terraform-json':
        return fail('unsupported-kind', file, 'Terraform JSON configuration is read by the configuration loader');
      case 'cdktf-manifest':
        return fail(
          'unsupported-kind',
          file,
          'this is a CDKTF manifest, which this version cannot follow; lint the stacks it names ' +
            '(cdktf.out/stacks/<stack>/cdk.tf.json) or the plan',
        );
      case 'not-terraform':
        return fail('not-terraform', file, `not a Terraform plan or state: ${detection.reason}`);
    }
  } catch (error) {
    if (error instanceof LoadError) return { ok: false, error };
    if (error instanceof ShapeError) {
      const what = detection.kind === 'tfstate' ? 'terraform.tfstate' : `${detection.kind} JSON`;
      return fail('bad-shape', file, `malformed ${what}: ${error.message}`);
    }
    throw error;
  }
}

function fail(code: LoadError['code'], file: string, detail: string): Result<Inventory> {
  return { ok: false, error: new LoadError(code, file, detail) };
}
