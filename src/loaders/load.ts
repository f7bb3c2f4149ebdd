// The one loader table: a parsed document's detected kind → the loader that reads it, or the reason
// it is refused. Shape problems become LoadErrors naming the JSON path.
import { detect, type Detection, type DetectedKind } from '../inputs/detect';
import { LoadError, type Result } from '../inputs/load-error';
import { ShapeError } from '../inputs/shape';
import type { Inventory } from '../model/inventory';

type Loader = (json: unknown, file: string, detection: Detection) => Inventory;

function refuse(code: LoadError['code'], detail: (json: unknown, detection: Detection) => string): Loader {
  return (json, file, detection) => {
    throw new LoadError(code, file, detail(json, detection));
  };
}

// Each loader is loaded by the first document of its kind: a plan run does not pay for the state readers.
const plan = (): typeof import('./plan') => require('./plan') as typeof import('./plan');

const LOADERS: Record<DetectedKind, Loader> = {
  plan: (json, file) => plan().loadPlan(json, file),
  'redacted-plan': (json, file) => plan().loadPlan(json, file, true),
  state: (json, file) => (require('./state') as typeof import('./state')).loadState(json, file),
  tfstate: (json, file) => (require('./tfstate') as typeof import('./tfstate')).loadTfstate(json, file),
  'legacy-tfstate': refuse(
    'unsupported-version',
    (json) =>
      `raw tfstate version ${(json as { version: number }).version} is not supported (only version 4, written by Terraform 0.12 and later); ` +
      'lint the output of `terraform show -json` instead',
  ),
  'terraform-json': refuse('unsupported-kind', () => 'Terraform JSON configuration is read by the configuration loader'),
  'cdktf-manifest': refuse(
    'unsupported-kind',
    () => 'this is a CDKTF manifest, which this version cannot follow; lint the stacks it names (cdktf.out/stacks/<stack>/cdk.tf.json) or the plan',
  ),
  'not-terraform': refuse('not-terraform', (_json, detection) => `not a Terraform plan or state: ${detection.reason}`),
};

/** Loads a plan, state or tfstate document; `detection` is the kind already told from its content. */
export function loadDocument(json: unknown, file: string, detection: Detection = detect(json)): Result<Inventory> {
  try {
    return { ok: true, value: LOADERS[detection.kind](json, file, detection) };
  } catch (error) {
    if (error instanceof LoadError) return { ok: false, error };
    if (error instanceof ShapeError) {
      const what = detection.kind === 'tfstate' ? 'terraform.tfstate' : `${detection.kind} JSON`;
      return { ok: false, error: new LoadError('bad-shape', file, `malformed ${what}: ${error.message}`) };
    }
    throw error;
  }
}
