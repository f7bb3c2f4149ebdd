// Mutations for the fuzz harness: structural ones on parsed JSON and on .tf text, byte-level ones on
// any file, and the planting of a known secret in places that always make it one (a provisioning
// token, a sensitive value, an instance key), so that finding it in any output is a leak.
'use strict';

/** Found in no seed: if it reaches an output, a secret leaked. */
const SECRET = 'fz-SECRET-Qm7Vx2Kp9Lw4';

/** A small, seedable PRNG (mulberry32), so that a run can be repeated with --seed. */
function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

/** Strings that have broken parsers, maps and messages before. */
const HOSTILE_STRINGS = [
  'constructor', 'toString', '__proto__', 'prototype', 'hasOwnProperty', 'valueOf', '', ' ', 'a b', 'a\nb', 'a\u2028b', '\u0000',
  '${', '${var.x}', '%{', '"', '\\', '[*]', '**', 'module.', 'okta_push_group.', '0oa', 'deactivate', 'DISABLED', 'INACTIVE',
  'USER_PROVISIONING', '\ud800', '😀', '1e3', '-1', 'x'.repeat(5000),
];
const HOSTILE_NUMBERS = [0, -1, 1, 1e3, 4294967296, 3000000, 2 ** 53, 1e308, -0, 0.1, 1e-7];
const RESOURCE_TYPES = ['okta_push_group', 'okta_app_connection', 'okta_app_features', 'okta_app_saml', 'okta_app_oauth', 'okta_app', 'constructor', '__proto__'];

function deepArray(depth, leaf) {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

function hostileValue(r, depth = 0) {
  switch (r.int(9)) {
    case 0:
      return r.pick(HOSTILE_STRINGS);
    case 1:
      return r.pick(HOSTILE_NUMBERS);
    case 2:
      return r.chance(0.5);
    case 3:
      return null;
    case 4:
      return deepArray(r.pick([10, 100, 499, 501, 5000]), r.pick(HOSTILE_STRINGS));
    case 5:
      return depth > 2 ? [] : Array.from({ length: r.int(4) }, () => hostileValue(r, depth + 1));
    case 6: {
      if (depth > 2) return {};
      const o = {};
      for (let i = r.int(4); i > 0; i--) Object.defineProperty(o, r.pick(HOSTILE_STRINGS), { value: hostileValue(r, depth + 1), enumerable: true, writable: true, configurable: true });
      return o;
    }
    case 7:
      return r.pick(RESOURCE_TYPES);
    default:
      return `${r.pick(['0oa', 'm', 'g'])}${r.int(5)}`;
  }
}

/** Every [parent, key] in a JSON tree, without recursion (the tree may be deep). */
function slots(root) {
  const out = [];
  const stack = [root];
  while (stack.length > 0 && out.length < 50_000) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    for (const key of Array.isArray(node) ? node.keys() : Object.keys(node)) {
      out.push([node, key]);
      stack.push(node[key]);
    }
  }
  return out;
}

function setKey(node, key, value) {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

/** One structural change to a parsed JSON document, in place (the root is returned, maybe replaced). */
function mutateJson(r, doc) {
  const all = slots(doc);
  if (all.length === 0) return hostileValue(r);
  const [node, key] = r.pick(all);
  switch (r.int(9)) {
    case 0: // remove
      if (Array.isArray(node)) node.splice(key, 1);
      else delete node[key];
      break;
    case 1: // replace with something hostile
      setKey(node, key, hostileValue(r));
      break;
    case 2: // duplicate an element of a list (resources, instances…)
      if (Array.isArray(node)) node.splice(key, 0, node[key] ?? null);
      else setKey(node, `${key}_2`, node[key]);
      break;
    case 3: // rename a key
      if (!Array.isArray(node)) {
        const v = node[key];
        delete node[key];
        setKey(node, r.pick(HOSTILE_STRINGS), v);
      }
      break;
    case 4: // swap with another slot's value
      {
        const [other, otherKey] = r.pick(all);
        const v = node[key];
        setKey(node, key, other[otherKey]);
        setKey(other, otherKey, v);
      }
      break;
    case 5: // reorder a list
      if (Array.isArray(node[key])) node[key].reverse();
      break;
    case 6: // a string of the document, changed
      if (typeof node[key] === 'string') setKey(node, key, r.pick([`${node[key]}${r.pick(HOSTILE_STRINGS)}`, node[key].slice(0, r.int(node[key].length + 1)), node[key].toUpperCase()]));
      else setKey(node, key, hostileValue(r));
      break;
    case 7: // a type or name from another resource
      setKey(node, key, r.pick(RESOURCE_TYPES));
      break;
    default: // a number at its edges
      setKey(node, key, r.pick(HOSTILE_NUMBERS));
  }
  return doc;
}

/** Snippets of HCL that have broken the reader before, or come close to its limits. */
const HCL_SNIPPETS = [
  'count = 1e3', 'count = 4294967296', 'count = 3000000', 'count = -1', 'count = "2"', 'for_each = toset(["a", "b"])', 'for_each = { constructor = 1, toString = 2 }',
  `x = ${'['.repeat(600)}1${']'.repeat(600)}`, 'x = "${"${"${"a"}"}"}"', 'x = [for a in range(1000) : [for b in range(1000) : a]]', 'x = format("%999999999d", 1)',
  'x = jsondecode("[[[[[[[[[[1]]]]]]]]]]")', 'x = try(local.nope, "y")', 'x = can(1e3)', 'x = setproduct(range(100), range(100), range(100))',
  'resource "okta_push_group" "a b" {}', 'resource "constructor" "toString" {}', 'resource "okta_push_group" "__proto__" {\n app_id = "0oa1"\n}',
  'dynamic "__proto__" {\n for_each = [1]\n content {}\n}', 'locals {\n l = local.l\n}', 'x = <<EOT\n${"a"}\nEOT', 'x = 0x10', 'x = 1.', 'x = .5',
  '# okta-push-guard:ignore OPG001 reason="x" until=2099-01-01', 'module "m" {\n source = "./nowhere"\n}', 'x = file("/etc/passwd")', 'x = "\\u2028"',
];

/** One change to .tf text: lines moved, removed or doubled, snippets inserted, numbers and names changed. */
function mutateHcl(r, text) {
  const lines = text.split('\n');
  const at = r.int(lines.length + 1);
  switch (r.int(6)) {
    case 0:
      lines.splice(at, 1);
      break;
    case 1:
      lines.splice(at, 0, lines[r.int(lines.length)] ?? '');
      break;
    case 2:
      lines.splice(at, 0, r.pick(HCL_SNIPPETS));
      break;
    case 3:
      lines.splice(at, 0, ...r.pick(HCL_SNIPPETS).split('\n'));
      break;
    case 4: {
      const i = r.int(lines.length);
      lines[i] = (lines[i] ?? '').replace(/"[^"]*"/, JSON.stringify(r.pick(HOSTILE_STRINGS)));
      break;
    }
    default: {
      const i = r.int(lines.length);
      lines[i] = (lines[i] ?? '').replace(/\d+/, String(r.pick(HOSTILE_NUMBERS)));
    }
  }
  return lines.join('\n');
}

/** One byte-level change: bits flipped, bytes inserted or removed, a cut, a splice of another seed. */
function mutateBytes(r, bytes, other) {
  const b = Buffer.from(bytes);
  const at = r.int(b.length + 1);
  switch (r.int(6)) {
    case 0:
      if (b.length > 0) b[Math.min(at, b.length - 1)] ^= 1 << r.int(8);
      return b;
    case 1:
      return Buffer.concat([b.subarray(0, at), Buffer.from([r.pick([0, 0x0a, 0x22, 0x7b, 0x5b, 0xff, 0xfe, 0xc3, 0xe2])]), b.subarray(at)]);
    case 2:
      return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + r.int(64)))]);
    case 3:
      return b.subarray(0, at);
    case 4:
      return Buffer.concat([b.subarray(0, at), other.subarray(r.int(other.length + 1))]);
    default:
      return Buffer.concat([Buffer.from(r.pick([[0xef, 0xbb, 0xbf], [0xfe, 0xff], [0xff, 0xfe], [0x50, 0x4b, 0x03, 0x04]])), b]);
  }
}

const PROVIDER = 'registry.terraform.io/okta/okta';

/** Adds the secret as a provisioning token and an instance key, where the document still has the shape for it. */
function plantSecretJson(doc) {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return false;
  if (Array.isArray(doc.resource_changes)) {
    const after = { id: '0oaFUZZSECRET', action: 'deactivate', profile: { auth_scheme: 'TOKEN', token: SECRET } };
    doc.resource_changes.push(
      { address: 'okta_app_connection.fuzz_secret', mode: 'managed', type: 'okta_app_connection', name: 'fuzz_secret', provider_name: PROVIDER, change: { actions: ['update'], before: after, after, after_unknown: {}, before_sensitive: { profile: { token: true } }, after_sensitive: { profile: { token: true } } } },
      { address: `okta_push_group.fuzz_secret[${JSON.stringify(SECRET)}]`, mode: 'managed', type: 'okta_push_group', name: 'fuzz_secret', index: SECRET, provider_name: PROVIDER, change: { actions: ['no-op'], before: { app_id: '0oaFUZZSECRET' }, after: { app_id: '0oaFUZZSECRET' }, after_unknown: {}, before_sensitive: {}, after_sensitive: {} } },
    );
    return true;
  }
  if (Array.isArray(doc.resources) && doc.version === 4) {
    doc.resources.push(
      { mode: 'managed', type: 'okta_app_connection', name: 'fuzz_secret', provider: `provider["${PROVIDER}"]`, instances: [{ schema_version: 0, attributes: { id: '0oaFUZZSECRET', action: 'deactivate', profile: [{ token: SECRET }] }, sensitive_attributes: [] }] },
      { mode: 'managed', type: 'okta_push_group', name: 'fuzz_secret', provider: `provider["${PROVIDER}"]`, instances: [{ index_key: SECRET, schema_version: 0, attributes: { app_id: '0oaFUZZSECRET' }, sensitive_attributes: [] }] },
    );
    return true;
  }
  if (doc.resource !== null && typeof doc.resource === 'object' && !Array.isArray(doc.resource)) {
    const connections = (doc.resource.okta_app_connection ??= {});
    if (connections === null || typeof connections !== 'object' || Array.isArray(connections)) return false;
    connections.fuzz_secret = { id: '0oaFUZZSECRET', action: 'deactivate', profile: { token: SECRET } };
    return true;
  }
  return false;
}

/** The secret as a literal token in code: OPG007 must report it without showing it. */
function plantSecretHcl(text) {
  return `${text}\nresource "okta_app_connection" "fuzz_secret" {\n  id     = "0oaFUZZSECRET"\n  action = "deactivate"\n  profile {\n    token = "${SECRET}"\n  }\n}\n`;
}

module.exports = { SECRET, random, mutateJson, mutateHcl, mutateBytes, plantSecretJson, plantSecretHcl };
