// Running the CLI in-process and capturing one format's output.
import { main } from '../../src/cli/main';
import { FIXTURES } from './fixtures';
import { captureIo } from './io';

export async function render(format: string, paths: string[], env: NodeJS.ProcessEnv = {}, cwd = FIXTURES): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ cwd, env });
  const code = await main(['lint', ...paths, '--format', format], io);
  return { code, out: io.out(), err: io.err() };
}
