// The grapheme segmenter of the string functions is made on the first call that needs it: making it
// starts ICU's segmentation (about 9 ms), which every run that evaluates a configuration would pay,
// the CDKTF Aspect's included, though most call no string function.
import type * as LoadConfiguration from '../../../src/loaders/hcl/load-configuration';

const Real = Intl.Segmenter;
let made = 0;

beforeAll(() => {
  // Counts every segmenter made, by anyone, while the test runs.
  (Intl as { Segmenter: typeof Real }).Segmenter = class extends Real {
    constructor(...args: ConstructorParameters<typeof Real>) {
      super(...args);
      made++;
    }
  };
});

afterAll(() => {
  (Intl as { Segmenter: typeof Real }).Segmenter = Real;
});

/** The loader and its evaluator, loaded afresh (no segmenter made by an earlier test's instance). */
function freshLoader(): typeof LoadConfiguration {
  let loaded: typeof LoadConfiguration | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('../../../src/loaders/hcl/load-configuration') as typeof LoadConfiguration;
  });
  return loaded!;
}

describe("the string functions' grapheme segmenter", () => {
  it('is not made by loading and evaluating a configuration that calls no function that counts graphemes', () => {
    made = 0;
    const { configurationFromTerraformJson } = freshLoader();
    const stack = { resource: { okta_app_saml: { app: { label: '${upper("app")}-${lower("X")}', status: 'ACTIVE' } } } };
    const inventory = configurationFromTerraformJson(stack, 'cdk.tf.json', process.cwd());
    expect(inventory.resources.map((r) => r.after)).toEqual([{ label: 'APP-x', status: 'ACTIVE' }]);
    expect(made).toBe(0);
  });

  it('is made once, by the first call that counts graphemes, and serves the later ones', () => {
    made = 0;
    const { configurationFromTerraformJson } = freshLoader();
    // "e" with a combining acute accent is one grapheme of two code points; a lone interpolation keeps its number.
    const stack = { resource: { okta_app_saml: { a: { label: '${length("he\u0301llo")}' }, b: { label: '${substr("he\u0301llo", 0, 2)}' } } } };
    const inventory = configurationFromTerraformJson(stack, 'cdk.tf.json', process.cwd());
    expect(inventory.resources.map((r) => r.after)).toEqual([{ label: 5 }, { label: 'he\u0301' }]);
    expect(made).toBe(1);
  });
});
