// A worker that says the second part did not parse (what parse-worker.js sends then).
require('node:worker_threads').parentPort.postMessage(null);
