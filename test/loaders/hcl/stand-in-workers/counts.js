// Wraps the real worker (dist/, built by Jest's global setup) and notes what it sends for each text,
// parts or null, in opg-test-sent-<pid>.log in the temporary folder (a test's environment variables do
// not reach a worker thread it starts: Jest gives each test file a copy of them).
const { appendFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { parentPort } = require('node:worker_threads');
const post = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (message, transfer) => {
  appendFileSync(join(tmpdir(), `opg-test-sent-${process.pid}.log`), message && message.parts ? 'parts\n' : 'null\n');
  post(message, transfer);
};
require(join(__dirname, '..', '..', '..', '..', 'dist', 'src', 'loaders', 'hcl', 'parse-worker.js'));
