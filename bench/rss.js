'use strict';
// Preloaded into every measured process (the tool and its floor alike): writes the process's peak
// resident set (KiB) to $OPG_BENCH_RSS as it exits.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  if (process.env.OPG_BENCH_RSS) writeFileSync(process.env.OPG_BENCH_RSS, String(process.resourceUsage().maxRSS));
});
