// yargs without what only its help text and its own failed invariants use. When it loads, yargs
// requires cliui (which brings string-width, wrap-ansi, ansi-styles, emoji-regex, strip-ansi…) and
// string-width to lay out help, and node:assert for internal checks that pass on every run (loading
// node:assert also creates the stderr stream). Together that is about a third of yargs' load. While
// yargs loads, each of them is stood in for in the module cache (documented: entries may be added, and
// one named like a built-in is what a plain `require` of that name gets) by a function that loads the
// real one when first called and hands it the same arguments, so help, errors and failed checks are
// what they would be. Nothing else is required while yargs loads, and the entries are removed after.
// The CLI's bundle (scripts/bundle-cli.js) holds yargs itself, with the same stand-ins put in at build
// time: there none of this runs, and yargs is neither resolved nor read from node_modules.
import Module from 'node:module';
import { dirname } from 'node:path';

type YargsFactory = typeof import('yargs/yargs');

/** Puts `exports` in the module cache under `id` unless something is there already; returns the undo. */
function standIn(id: string, exports: unknown): () => void {
  const cache = require.cache;
  if (cache[id] !== undefined) return () => undefined;
  const stand = new Module(id);
  stand.filename = id;
  stand.loaded = true;
  stand.exports = exports;
  cache[id] = stand;
  return () => {
    if (cache[id] === stand) delete cache[id];
  };
}

/** A function that calls the function `load` gives (loaded on the first call) with whatever it is given. */
export function callsThrough(load: () => unknown): (...args: unknown[]) => unknown {
  let real: ((...args: unknown[]) => unknown) | undefined;
  return (...args) => {
    real ??= load() as (...args: unknown[]) => unknown;
    return real(...args);
  };
}

/** Only a failing check loads node:assert, which then makes the same check and throws its own error. */
export const assertStandIn = {
  notStrictEqual(actual: unknown, expected: unknown, message?: string): void {
    if (!Object.is(actual, expected)) return;
    const real: typeof import('node:assert') = require('node:assert');
    real.notStrictEqual(actual, expected, message);
  },
  strictEqual(actual: unknown, expected: unknown, message?: string): void {
    if (Object.is(actual, expected)) return;
    const real: typeof import('node:assert') = require('node:assert');
    real.strictEqual(actual, expected, message);
  },
};

let factory: YargsFactory | undefined;

/** Defined (true) in the CLI's bundle only, by scripts/bundle-cli.js. */
declare const OKTA_PUSH_GUARD_BUNDLED_YARGS: true | undefined;

/** yargs' factory (`yargs/yargs`: no instance made for process.argv, unlike `require('yargs')`). */
export function loadYargs(): YargsFactory {
  if (factory) return factory;
  if (typeof OKTA_PUSH_GUARD_BUNDLED_YARGS !== 'undefined') return (factory = require('yargs/yargs') as YargsFactory);
  const from = { paths: [dirname(require.resolve('yargs/package.json'))] };
  const undo = [
    standIn('assert', assertStandIn),
    ...['cliui', 'string-width'].map((name) => {
      const file = require.resolve(name, from);
      return standIn(file, callsThrough(() => require(file)));
    }),
  ];
  try {
    factory = require('yargs/yargs') as YargsFactory;
  } finally {
    for (const restore of undo) restore();
  }
  return factory;
}
