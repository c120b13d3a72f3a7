/**
 * A schema-only Terraform provider: it speaks Terraform's plugin protocol 5 (gRPC, `proto/tfplugin5.proto`) and
 * answers what `terraform validate` asks — the schema, and "no diagnostics" for every configuration check — so
 * Terraform itself checks a configuration offline against the real schema: unknown or missing arguments, wrong
 * nesting, types, references, and its own template syntax. It cannot check values the way the real provider
 * does (ARN formats, enumerations, API-side rules): nothing here calls AWS or Grafana.
 *
 * The servers run inside the calling node process and Terraform attaches to them through
 * `TF_REATTACH_PROVIDERS` (go-plugin's reattach: plain gRPC on loopback, no process start and no TLS handshake
 * per Terraform command), so one process serves every stack.
 */
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import fs from "node:fs";
import path from "node:path";
import { attributeType, type BlockJson, type ProviderSchemaJson, type SchemaJson } from "./schema-json";

/** The vendored protocol definition (terraform-plugin-go, protocol 5.11; see proto/SOURCES.md). */
export const TFPLUGIN5_PROTO = [path.join(__dirname, "proto", "tfplugin5.proto"), path.resolve(__dirname, "../tools/terraform-offline/proto/tfplugin5.proto")].find((f) => fs.existsSync(f)) ??
  path.join(__dirname, "proto", "tfplugin5.proto"); // (the second: from the esbuild bundle in dist/)

/** A provider to serve: its registry address and its schema. */
export interface ServedProvider {
  /** Fully qualified address, e.g. `registry.terraform.io/hashicorp/aws`. */
  readonly address: string;
  readonly version: string;
  readonly schema: ProviderSchemaJson;
}

/** Running schema-only providers. */
export interface ProviderServers {
  /** The value for `TF_REATTACH_PROVIDERS`. */
  readonly reattach: string;
  /** How many schema requests Terraform made (a run that never asked has not validated against these). */
  readonly schemaRequests: () => number;
  close(): Promise<void>;
}

const NESTING = { single: 1, list: 2, set: 3, map: 4, group: 5 } as const;

interface ProtoBlock {
  attributes: Array<{ name: string; type: Buffer; required: boolean; optional: boolean; computed: boolean; sensitive: boolean; deprecated: boolean; write_only: boolean }>;
  block_types: Array<{ type_name: string; block: ProtoBlock; nesting: number; min_items: number; max_items: number }>;
  deprecated: boolean;
}

function protoBlock(block: BlockJson): ProtoBlock {
  return {
    attributes: Object.entries(block.attributes ?? {}).map(([name, a]) => ({
      name,
      type: Buffer.from(JSON.stringify(attributeType(a))),
      required: a.required === true,
      optional: a.optional === true,
      computed: a.computed === true,
      sensitive: a.sensitive === true,
      deprecated: a.deprecated === true,
      write_only: a.write_only === true,
    })),
    block_types: Object.entries(block.block_types ?? {}).map(([typeName, b]) => ({
      type_name: typeName,
      block: protoBlock(b.block),
      nesting: NESTING[b.nesting_mode],
      min_items: b.min_items ?? 0,
      max_items: b.max_items ?? 0,
    })),
    deprecated: block.deprecated === true,
  };
}

function protoSchema(schema: SchemaJson): { version: number; block: ProtoBlock } {
  return { version: schema.version, block: protoBlock(schema.block) };
}

function protoSchemas(schemas: Readonly<Record<string, SchemaJson>> | undefined): Record<string, { version: number; block: ProtoBlock }> {
  return Object.fromEntries(Object.entries(schemas ?? {}).map(([type, s]) => [type, protoSchema(s)]));
}

/** The `GetSchema` response for one provider (built once; Terraform asks on every command). */
export function getSchemaResponse(schema: ProviderSchemaJson): Record<string, unknown> {
  return {
    provider: protoSchema(schema.provider),
    resource_schemas: protoSchemas(schema.resource_schemas),
    data_source_schemas: protoSchemas(schema.data_source_schemas),
    ephemeral_resource_schemas: protoSchemas(schema.ephemeral_resource_schemas),
    provider_meta: { version: 0, block: { attributes: [], block_types: [] } },
    diagnostics: [],
  };
}

type Unary = (call: { request: Record<string, unknown> }, callback: (error: grpc.ServiceError | null, response?: Record<string, unknown>) => void) => void;

/** Starts one schema-only provider server per entry on 127.0.0.1 (ephemeral ports). */
export async function serveProviders(providers: readonly ServedProvider[], protoFile: string = TFPLUGIN5_PROTO): Promise<ProviderServers> {
  const definition = protoLoader.loadSync(protoFile, { keepCase: true, longs: Number, enums: Number, defaults: false, oneofs: true });
  const service = (grpc.loadPackageDefinition(definition) as unknown as { tfplugin5: { Provider: { service: grpc.ServiceDefinition } } }).tfplugin5.Provider.service;
  let schemaRequests = 0;
  const servers: grpc.Server[] = [];
  const reattach: Record<string, unknown> = {};
  for (const provider of providers) {
    const schemaResponse = getSchemaResponse(provider.schema);
    // Terraform asks for the schema on every command: encode the (large) response once, not on every request.
    const encodedSchema = service.GetSchema!.responseSerialize(schemaResponse);
    const serviceOfProvider: grpc.ServiceDefinition = {
      ...service,
      GetSchema: { ...service.GetSchema!, responseSerialize: (value: unknown) => (value === schemaResponse ? encodedSchema : service.GetSchema!.responseSerialize(value)) },
    };
    const noDiagnostics: Unary = (_call, callback) => callback(null, { diagnostics: [] });
    const handlers: Record<string, Unary> = {
      GetSchema: (_call, callback) => {
        schemaRequests += 1;
        callback(null, schemaResponse);
      },
      // The configuration passes through unchanged: no defaults are filled in (the real provider's job).
      PrepareProviderConfig: (call, callback) => callback(null, { prepared_config: call.request.config, diagnostics: [] }),
      ValidateResourceTypeConfig: noDiagnostics,
      ValidateDataSourceConfig: noDiagnostics,
      ValidateEphemeralResourceConfig: noDiagnostics,
      Stop: (_call, callback) => callback(null, { Error: "" }),
    };
    const server = new grpc.Server();
    server.addService(serviceOfProvider, handlers as unknown as grpc.UntypedServiceImplementation);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    servers.push(server);
    // go-plugin's reattach config; Test: Terraform neither stops nor kills the process when it is done.
    reattach[provider.address] = { Protocol: "grpc", ProtocolVersion: 5, Pid: process.pid, Test: true, Addr: { Network: "tcp", String: `127.0.0.1:${port}` } };
  }
  return {
    reattach: JSON.stringify(reattach),
    schemaRequests: () => schemaRequests,
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.tryShutdown(() => resolve()))));
    },
  };
}
