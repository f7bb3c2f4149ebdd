// A CDK for Terraform project that installs the packed package: synth is guarded, and TypeScript
// finds the types of both entries under the resolution `cdktf init` configures and the newer ones.
import { cdkConsumer, doorTests } from '../support/cdk-consumer';

describe('a cdktf project with the packed package', () => {
  let dir: string;
  beforeAll(() => {
    dir = cdkConsumer('cdktf');
  }, 180_000);

  doorTests('cdktf', () => dir);
});
