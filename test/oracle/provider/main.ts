// The okta provider double: a Terraform provider (plugin protocol 6) that Terraform launches like any
// other provider. It speaks go-plugin's handshake (hashicorp/go-plugin docs/guide-plugin-write-non-go.md):
// check the magic cookie, serve gRPC on a loopback port, print `1|6|tcp|127.0.0.1:PORT|grpc` on stdout.
// It needs TF_DISABLE_PLUGIN_TLS=1 (no AutoMTLS). With `--reattach` it prints a TF_REATTACH_PROVIDERS value
// instead, for a harness that runs the provider itself.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { join } from 'node:path';
import { OktaClient } from './client';
import { plan } from './plan';
import { DATA_SOURCES, type Diag, PROVIDER_SCHEMA, RESOURCES } from './resources';
import { type Attribute, type Block, decodeDynamic, encodeDynamic, isObject, isUnknown, type ObjectValue, shapeBlock, str, type TfType, type Value } from './values';

const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
const PROVIDER_ADDRESS = 'registry.terraform.io/okta/okta';

type Msg = Record<string, unknown>;
type DV = { msgpack?: Buffer; json?: Buffer } | null | undefined;

let client: OktaClient | undefined;

function toProtoSchema(block: Block, version = 0): Msg {
  return { version, block: toProtoBlock(block) };
}

function toProtoBlock(block: Block): Msg {
  return {
    version: 0,
    attributes: Object.entries(block.attributes).sort(([a], [b]) => a.localeCompare(b)).map(([name, a]) => toProtoAttribute(name, a)),
    block_types: Object.entries(block.blocks ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([name, b]) => ({
      type_name: name,
      block: toProtoBlock(b.block),
      nesting: b.nesting,
      min_items: 0,
      max_items: b.maxItems ?? 0,
    })),
    description: '',
    description_kind: 'PLAIN',
    deprecated: false,
  };
}

function toProtoAttribute(name: string, a: Attribute): Msg {
  return {
    name,
    type: Buffer.from(JSON.stringify(a.type as TfType)),
    description: '',
    required: a.required === true,
    optional: a.optional === true,
    computed: a.computed === true,
    sensitive: a.sensitive === true,
    description_kind: 'PLAIN',
    deprecated: a.deprecated === true,
  };
}

function diagnostics(list: Diag[]): Msg[] {
  return list.map((d) => ({
    severity: d.severity,
    summary: d.summary,
    detail: d.detail ?? '',
    ...(d.attribute ? { attribute: { steps: d.attribute.map((s) => ({ attribute_name: s })) } } : {}),
  }));
}

function fail(summary: string, detail = ''): { diagnostics: Msg[] } {
  return { diagnostics: diagnostics([{ severity: 'ERROR', summary, detail }]) };
}

/** The stringvalidator.OneOf checks of the schema, on known values. */
function validate(block: Block, value: ObjectValue | null, path: string[] = []): Diag[] {
  if (!value) return [];
  const out: Diag[] = [];
  for (const [name, attr] of Object.entries(block.attributes)) {
    const v = value[name];
    if (attr.oneOf && typeof v === 'string' && !attr.oneOf.includes(v)) {
      out.push({
        severity: 'ERROR',
        summary: 'Invalid Attribute Value Match',
        detail: `Attribute ${[...path, name].join('.')} value must be one of: [${attr.oneOf.map((o) => `"${o}"`).join(' ')}], got: "${v}"`,
        attribute: [...path, name],
      });
    }
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const v = value[name];
    if (nested.nesting === 'SINGLE' && isObject(v)) out.push(...validate(nested.block, v, [...path, name]));
  }
  return out;
}

function nullUnknowns(v: Value): Value {
  if (isUnknown(v)) return null;
  if (Array.isArray(v)) return v.map(nullUnknowns);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, nullUnknowns(e)]));
  return v;
}

function configure(config: ObjectValue | null): Diag[] {
  const c = config ?? {};
  const token = str(c.api_token) ?? process.env.OKTA_API_TOKEN ?? '';
  const org = str(c.org_name) ?? process.env.OKTA_ORG_NAME ?? '';
  const base = str(c.base_url) ?? process.env.OKTA_BASE_URL ?? 'okta.com';
  const proxy = str(c.http_proxy) ?? process.env.OKTA_HTTP_PROXY ?? '';
  if (!token) {
    return [{ severity: 'ERROR', summary: 'Missing Okta credentials', detail: "Set 'api_token' (or OKTA_API_TOKEN env var)." }];
  }
  if (!org && !proxy) return [{ severity: 'ERROR', summary: 'Missing Okta org', detail: "Set 'org_name' (or OKTA_ORG_NAME env var)." }];
  const maxRetries = typeof c.max_retries === 'number' ? c.max_retries : 5;
  client = new OktaClient({ origin: proxy || `https://${org}.${base}`, token, maxRetries });
  return [];
}

function requireClient(): OktaClient {
  if (!client) throw new Error('the provider was not configured');
  return client;
}

const handlers: Record<string, (req: Msg) => Promise<Msg> | Msg> = {
  GetMetadata: () => ({
    server_capabilities: { plan_destroy: true, get_provider_schema_optional: false, move_resource_state: false },
    diagnostics: [],
    resources: Object.keys(RESOURCES).map((type_name) => ({ type_name })),
    data_sources: Object.keys(DATA_SOURCES).map((type_name) => ({ type_name })),
  }),
  GetProviderSchema: () => ({
    provider: toProtoSchema(PROVIDER_SCHEMA),
    resource_schemas: Object.fromEntries(Object.entries(RESOURCES).map(([n, r]) => [n, toProtoSchema(r.schema)])),
    data_source_schemas: Object.fromEntries(Object.entries(DATA_SOURCES).map(([n, d]) => [n, toProtoSchema(d.schema)])),
    diagnostics: [],
    server_capabilities: { plan_destroy: true, get_provider_schema_optional: false, move_resource_state: false },
  }),
  ValidateProviderConfig: () => ({ diagnostics: [] }),
  ValidateResourceConfig: (req) => {
    const def = RESOURCES[String(req.type_name)];
    if (!def) return fail(`unknown resource type ${String(req.type_name)}`);
    return { diagnostics: diagnostics(validate(def.schema, decodeDynamic(req.config as DV, def.schema))) };
  },
  ValidateDataResourceConfig: (req) => {
    const def = DATA_SOURCES[String(req.type_name)];
    if (!def) return fail(`unknown data source ${String(req.type_name)}`);
    return { diagnostics: diagnostics(validate(def.schema, decodeDynamic(req.config as DV, def.schema))) };
  },
  UpgradeResourceState: (req) => {
    const def = RESOURCES[String(req.type_name)];
    if (!def) return fail(`unknown resource type ${String(req.type_name)}`);
    const raw = req.raw_state as { json?: Buffer } | undefined;
    const parsed = raw?.json && raw.json.length > 0 ? (JSON.parse(raw.json.toString('utf8')) as Value) : null;
    return { upgraded_state: encodeDynamic(shapeBlock(parsed, def.schema), def.schema), diagnostics: [] };
  },
  ConfigureProvider: (req) => ({ diagnostics: diagnostics(configure(decodeDynamic(req.config as DV, PROVIDER_SCHEMA))) }),
  ReadResource: async (req) => {
    const def = RESOURCES[String(req.type_name)];
    if (!def) return fail(`unknown resource type ${String(req.type_name)}`);
    const state = decodeDynamic(req.current_state as DV, def.schema);
    if (!state) return { new_state: encodeDynamic(null, def.schema), diagnostics: [] };
    const out = await def.read(requireClient(), state);
    const hasError = out.diagnostics.some((d) => d.severity === 'ERROR');
    return { new_state: encodeDynamic(hasError ? state : out.state, def.schema), diagnostics: diagnostics(out.diagnostics), private: req.private };
  },
  PlanResourceChange: (req) => {
    const def = RESOURCES[String(req.type_name)];
    if (!def) return fail(`unknown resource type ${String(req.type_name)}`);
    const prior = decodeDynamic(req.prior_state as DV, def.schema);
    const proposed = decodeDynamic(req.proposed_new_state as DV, def.schema);
    const config = decodeDynamic(req.config as DV, def.schema);
    const result = plan(def.flavour, def.schema, prior, proposed, config);
    return {
      planned_state: encodeDynamic(result.planned, def.schema),
      requires_replace: result.requiresReplace.map((p) => ({ steps: p.map((s) => ({ attribute_name: s })) })),
      planned_private: req.prior_private,
      diagnostics: [],
      legacy_type_system: result.legacyTypeSystem,
    };
  },
  ApplyResourceChange: async (req) => {
    const type = String(req.type_name);
    const def = RESOURCES[type];
    if (!def) return fail(`unknown resource type ${type}`);
    const prior = decodeDynamic(req.prior_state as DV, def.schema);
    const planned = decodeDynamic(req.planned_state as DV, def.schema);
    const config = decodeDynamic(req.config as DV, def.schema);
    const c = requireClient();
    const legacy = def.flavour === 'sdkv2';
    if (planned === null) {
      const diags = prior ? await def.delete(c, prior) : [];
      const failed = diags.some((d) => d.severity === 'ERROR');
      return { new_state: encodeDynamic(failed ? prior : null, def.schema), diagnostics: diagnostics(diags), legacy_type_system: legacy };
    }
    const out = prior === null ? await def.create(c, planned, config ?? {}) : await def.update(c, prior, planned, config ?? {});
    if (out.diagnostics.some((d) => d.severity === 'ERROR')) {
      return { new_state: encodeDynamic(prior, def.schema), diagnostics: diagnostics(out.diagnostics), legacy_type_system: legacy };
    }
    // SDKv2 stores null for a Computed value the resource never set; the framework refuses unknowns.
    if (out.state && legacy) out.state = nullUnknowns(out.state) as ObjectValue;
    // A framework resource may leave a planned unknown in place (okta_app_connection's Create with
    // action = "deactivate" never sets status): the framework passes it on, and Terraform core reports
    // "Provider returned invalid result object after apply" and saves the known values.
    return { new_state: encodeDynamic(out.state, def.schema), diagnostics: diagnostics(out.diagnostics), legacy_type_system: legacy };
  },
  ImportResourceState: async (req) => {
    const type = String(req.type_name);
    const def = RESOURCES[type];
    if (!def) return fail(`unknown resource type ${type}`);
    const imported = def.importState(String(req.id));
    if ('error' in imported) return { diagnostics: diagnostics([imported.error]) };
    const state = shapeBlock(imported.state, def.schema);
    return { imported_resources: [{ type_name: type, state: encodeDynamic(state, def.schema) }], diagnostics: [] };
  },
  ReadDataSource: async (req) => {
    const def = DATA_SOURCES[String(req.type_name)];
    if (!def) return fail(`unknown data source ${String(req.type_name)}`);
    const config = decodeDynamic(req.config as DV, def.schema) ?? {};
    // Defaults of SDKv2 data sources apply to the configuration before Read.
    for (const [name, a] of Object.entries(def.schema.attributes)) if (a.default !== undefined && (config[name] ?? null) === null) config[name] = a.default;
    const out = await def.read(requireClient(), config);
    return { state: encodeDynamic(out.state ?? config, def.schema), diagnostics: diagnostics(out.diagnostics) };
  },
  StopProvider: () => ({ Error: '' }),
};

function unary(name: string): grpc.handleUnaryCall<Msg, Msg> {
  const handler = handlers[name];
  if (!handler) throw new Error(`no handler for ${name}`);
  return (call, callback) => {
    Promise.resolve()
      .then(() => handler(call.request))
      .then(
        (res) => callback(null, res),
        (err: unknown) => callback(null, fail(`okta provider double: ${name} failed`, err instanceof Error ? err.message : String(err))),
      );
  };
}

function loadProtos(): { provider: grpc.ServiceDefinition; controller: grpc.ServiceDefinition } {
  const dir = join(__dirname, 'proto');
  const options: protoLoader.Options = { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true };
  const tf = grpc.loadPackageDefinition(protoLoader.loadSync(join(dir, 'tfplugin6.proto'), options)) as unknown as {
    tfplugin6: { Provider: { service: grpc.ServiceDefinition } };
  };
  const plugin = grpc.loadPackageDefinition(protoLoader.loadSync(join(dir, 'plugin.proto'), options)) as unknown as {
    plugin: { GRPCController: { service: grpc.ServiceDefinition } };
  };
  return { provider: tf.tfplugin6.Provider.service, controller: plugin.plugin.GRPCController.service };
}

function main(): void {
  const reattach = process.argv.includes('--reattach');
  if (!reattach) {
    if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
      process.stderr.write('This binary is a plugin. These are not meant to be executed directly.\nPlease execute the program that consumes these plugins, which will load any plugins automatically\n');
      process.exit(1);
    }
    const versions = (process.env.PLUGIN_PROTOCOL_VERSIONS ?? '6').split(',');
    if (!versions.includes('6')) {
      process.stderr.write(`okta provider double: Terraform offers plugin protocol versions ${versions.join(',')}; this provider speaks 6 only\n`);
      process.exit(1);
    }
    if (process.env.PLUGIN_CLIENT_CERT) {
      process.stderr.write('okta provider double: Terraform asked for mTLS; run it with TF_DISABLE_PLUGIN_TLS=1\n');
      process.exit(1);
    }
  }
  const { provider, controller } = loadProtos();
  const server = new grpc.Server();
  const impl: grpc.UntypedServiceImplementation = {};
  for (const name of Object.keys(provider)) if (handlers[name]) impl[name] = unary(name);
  server.addService(provider, impl);
  server.addService(controller, {
    Shutdown: (_call: grpc.ServerUnaryCall<Msg, Msg>, callback: grpc.sendUnaryData<Msg>) => {
      callback(null, {});
      setTimeout(() => server.tryShutdown(() => process.exit(0)), 10);
    },
  });
  server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
      process.stderr.write(`okta provider double: cannot listen: ${err.message}\n`);
      process.exit(1);
    }
    if (reattach) {
      const value = { [PROVIDER_ADDRESS]: { Protocol: 'grpc', ProtocolVersion: 6, Pid: process.pid, Test: true, Addr: { Network: 'tcp', String: `127.0.0.1:${port}` } } };
      process.stdout.write(`TF_REATTACH_PROVIDERS=${JSON.stringify(value)}\n`);
    } else {
      process.stdout.write(`1|6|tcp|127.0.0.1:${port}|grpc\n`);
    }
  });
  // Terraform ends a plugin it launched by killing it when it does not call Shutdown.
  process.on('SIGTERM', () => process.exit(0));
  process.on('SIGINT', () => {
    if (!reattach) return; // go-plugin: Terraform's Ctrl-C reaches the plugin too; the client decides.
    process.exit(0);
  });
}

main();
