// A worker that says the text did not parse (what parse-worker.js sends then).
require('node:worker_threads').parentPort.postMessage({ index: 0, parts: null });
