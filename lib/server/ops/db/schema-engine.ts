import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  DriverAdapterError,
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import type {
  DiffTarget,
  MigrationList,
  SchemaEngine,
  SchemaFilter,
} from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";
import {
  MIGRATION_LOCK_FILE,
  MIGRATION_SCRIPT_FILE,
  listMigrationDirNames,
} from "./migration-files";

/**
 * Prisma's schema engine (migrations and diffs) without the native binary the Prisma CLI would
 * download: the official WASM build of the same engine, driving PostgreSQL through adapter-pg.
 * Framework-free and env-free: every input is an argument.
 */

export type SchemaEngineErrorKind =
  /** The URL is not a PostgreSQL URL this runner can use. */
  | "invalid-database-url"
  /** Nothing answered at the host and port, or it did not answer in time. */
  | "database-unreachable"
  /** The server answered but has no database of that name. */
  | "database-missing"
  /** The server refused the credentials. */
  | "authentication-failed"
  /** A migration's SQL failed just now; `migrationName` names it. */
  | "migration-failed"
  /** An earlier run of a migration failed and is recorded as failed; nothing more is applied. */
  | "failed-migration-in-history"
  /** A datamodel does not validate. */
  | "invalid-schema"
  /** Anything else the engine reported, including a crash inside the WASM engine. */
  | "engine";

/** A schema-engine failure with a message fit to print as it is. */
export class SchemaEngineError extends Error {
  override readonly name = "SchemaEngineError";
  readonly kind: SchemaEngineErrorKind;
  /** The migration involved, for `migration-failed` and `failed-migration-in-history`. */
  readonly migrationName: string | undefined;
  /** Prisma's error code (`P3009`…) or PostgreSQL's SQLSTATE, when there is one. */
  readonly code: string | undefined;

  constructor(
    kind: SchemaEngineErrorKind,
    message: string,
    options: { migrationName?: string; code?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.migrationName = options.migrationName;
    this.code = options.code;
  }
}

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------------------------
// Loading the WASM engine

type PanicRegistry = { set_message(message: string): void };

const panicScope = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };
const panicState: {
  message: string | undefined;
  activeCalls: number;
  previousRegistry: PanicRegistry | undefined;
} = { message: undefined, activeCalls: 0, previousRegistry: undefined };
const panicRegistry: PanicRegistry = {
  set_message(message: string) {
    panicState.message = message;
  },
};

type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
type EngineState = { generation: number; glue: Promise<Glue> | undefined };

// Kept on globalThis, not in this module, because this module may be evaluated more than once
// in a process (Vitest re-evaluates source modules per test file) while the glue module it loads
// is cached by Node once per URL.
const ENGINE_KEY = Symbol.for("crossbench.schema-engine-wasm");

function engineState(): EngineState {
  const scope = globalThis as { [ENGINE_KEY]?: EngineState };
  scope[ENGINE_KEY] ??= { generation: 0, glue: undefined };
  return scope[ENGINE_KEY];
}

function loadGlue(): Promise<Glue> {
  const state = engineState();
  state.glue ??= instantiateGlue(state.generation).catch((error: unknown) => {
    state.glue = undefined;
    throw error;
  });
  return state.glue;
}

/** After a panic the instance cannot be trusted: the next call gets a new one. */
function discardGlue(): void {
  const state = engineState();
  state.glue = undefined;
  state.generation++;
}

async function instantiateGlue(generation: number): Promise<Glue> {
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  // The wasm-bindgen glue keeps its instance, and cached views of that instance's memory, in
  // module state: a new instance needs a fresh copy of the module, which a new URL gives.
  const glueUrl = pathToFileURL(gluePath);
  if (generation > 0) glueUrl.searchParams.set("generation", String(generation));
  const glue: Glue = await import(glueUrl.href);
  // Node 20 cannot import `.wasm` as an ES module, which the package's own entry point does.
  const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const compiled = await WebAssembly.compile(bytes);
  const imports: WebAssembly.Imports = { "./schema_engine_bg.js": withUnrefTimers(glue) };
  const instance = new WebAssembly.Instance(compiled, imports);
  glue.__wbg_set_wasm(instance.exports);
  const start = instance.exports["__wbindgen_start"];
  if (typeof start !== "function") {
    throw new SchemaEngineError("engine", "The schema engine WASM module has no start function.");
  }
  start();
  return glue;
}

/**
 * The glue's exports, with the engine's timers unref'd. The engine guards its advisory-lock query
 * with a 10 s timer that it never clears (the glue has no clearTimeout), which would keep a
 * finished `db:migrate` or test process alive for 10 s. An unref'd timer still fires while the
 * process has other work, such as the lock query it guards.
 */
function withUnrefTimers(glue: object): WebAssembly.ModuleImports {
  const imports: Record<string, unknown> = { ...glue };
  for (const [name, value] of Object.entries(glue)) {
    if (!name.startsWith("__wbg_setTimeout_") || typeof value !== "function") continue;
    imports[name] = (...args: unknown[]): unknown => {
      const handle: unknown = Reflect.apply(value, undefined, args);
      if (typeof handle === "object" && handle !== null && "unref" in handle) {
        const unref = handle.unref;
        if (typeof unref === "function") unref.call(handle);
      }
      return handle;
    };
  }
  return imports as WebAssembly.ModuleImports;
}

/**
 * Runs `work` with an engine over `adapterFactory` and frees the engine afterwards. Panics are
 * captured through Prisma's global panic registry, which Prisma Client also uses: ours is
 * installed only for the duration and the previous one put back.
 */
async function withEngine<T>(
  datamodel: { path: string; content: string },
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  onLog: (line: string) => void,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const glue = await loadGlue();
  if (panicState.activeCalls++ === 0) {
    panicState.previousRegistry = panicScope.PRISMA_WASM_PANIC_REGISTRY;
    panicScope.PRISMA_WASM_PANIC_REGISTRY = panicRegistry;
    panicState.message = undefined;
  }
  let engine: SchemaEngine | undefined;
  try {
    engine = await glue.SchemaEngine.new(
      { datamodels: [[datamodel.path, datamodel.content]] },
      onLog,
      bindMigrationAwareSqlAdapterFactory(adapterFactory),
    );
    return await work(engine);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError || panicState.message !== undefined) {
      discardGlue();
      throw new SchemaEngineError(
        "engine",
        `The schema engine crashed: ${panicState.message ?? errorMessage(error)}`,
        { cause: error },
      );
    }
    throw error;
  } finally {
    try {
      engine?.free();
    } catch {
      // Freeing after a panic can fail too; the instance is already discarded.
    }
    if (--panicState.activeCalls === 0) {
      panicScope.PRISMA_WASM_PANIC_REGISTRY = panicState.previousRegistry;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Applying migrations

/**
 * Applies the pending migrations in `migrationsDir` (`<name>/migration.sql`, in folder-name
 * order) to the database and records them in `_prisma_migrations`, as `prisma migrate deploy`
 * does: migrations already recorded are skipped, a migration recorded as failed stops the run,
 * edited or unknown migrations are not checked. Safe to run at every start; concurrent runs are
 * serialised by the engine's advisory lock.
 *
 * @param options.databaseUrl a `postgresql://` URL.
 * @param options.migrationsDir the `prisma/migrations` folder; a missing folder means no migrations.
 * @param options.schemaPath the Prisma schema; the engine reads its datasource provider.
 * @param options.connectTimeoutMs how long to wait for the server to accept a connection.
 * @returns the names of the migrations applied by this call, in order (empty when up to date).
 * @throws SchemaEngineError with a `kind` saying what went wrong.
 */
export async function applyMigrations(options: {
  databaseUrl: string;
  migrationsDir: string;
  schemaPath: string;
  connectTimeoutMs?: number;
}): Promise<{ applied: string[] }> {
  const config = parseDatabaseUrl(options.databaseUrl);
  const migrationsList = await readMigrationsList(options.migrationsDir);
  const schema = await readFile(options.schemaPath, "utf8");

  // One connection: the engine's advisory lock is per session and is released when the session
  // ends, so every statement has to run on the session that holds it.
  const pool = new pg.Pool({
    ...config,
    max: 1,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
  });
  // An idle connection dropped by the server must not crash the process; the next query reports it.
  pool.on("error", () => undefined);
  const script = new ScriptRunner(pool);
  const progress = new MigrationProgress();

  try {
    await probeConnection(pool, options.databaseUrl);
    const adapterFactory = withWholeScripts(new PrismaPg(pool), script);
    const output = await withEngine(
      { path: options.schemaPath, content: schema },
      adapterFactory,
      (line) => progress.observe(line),
      (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTER }),
    );
    return { applied: output.appliedMigrationNames };
  } catch (error) {
    throw toApplyError(error, progress.current, script.lastError);
  } finally {
    // The migration outcome is already decided (returned or thrown); a failed close adds nothing.
    await pool.end().catch(() => undefined);
  }
}

/**
 * The migrations folder as the Prisma CLI hands it to the engine: every sub-folder with its
 * `migration.sql` (or the reason it could not be read) and the lock file, if any.
 */
async function readMigrationsList(migrationsDir: string): Promise<MigrationList> {
  const lockContent = await readFile(path.join(migrationsDir, MIGRATION_LOCK_FILE), "utf8").catch(
    () => null,
  );
  const dirNames = await listMigrationDirNames(migrationsDir);
  const migrationDirectories = await Promise.all(
    dirNames.map(async (dirName) => {
      const content = await readFile(
        path.join(migrationsDir, dirName, MIGRATION_SCRIPT_FILE),
        "utf8",
      ).then(
        (value) => ({ tag: "ok" as const, value }),
        (error: unknown) => ({ tag: "error" as const, value: errorMessage(error) }),
      );
      return { path: dirName, migrationFile: { path: MIGRATION_SCRIPT_FILE, content } };
    }),
  );
  return {
    baseDir: migrationsDir,
    lockfile: { path: MIGRATION_LOCK_FILE, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

function parseDatabaseUrl(databaseUrl: string): pg.PoolConfig {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new SchemaEngineError(
      "invalid-database-url",
      "The database URL is not a valid URL (expected postgresql://user@host:port/database).",
    );
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    throw new SchemaEngineError(
      "invalid-database-url",
      `The database URL must start with postgresql:// (it starts with ${url.protocol}//).`,
    );
  }
  if (url.pathname.length <= 1) {
    throw new SchemaEngineError(
      "invalid-database-url",
      "The database URL names no database (expected postgresql://user@host:port/database).",
    );
  }
  const schema = url.searchParams.get("schema");
  if (schema !== null && schema !== "public") {
    // adapter-pg ignores the parameter, so the engine would record one schema and the scripts
    // would write to another.
    throw new SchemaEngineError(
      "invalid-database-url",
      `The database URL asks for schema "${schema}"; migrations only support the public schema.`,
    );
  }
  url.searchParams.delete("schema");
  return { connectionString: url.toString() };
}

/** Connects once before starting the engine, to report connection problems by their cause. */
async function probeConnection(pool: pg.Pool, databaseUrl: string): Promise<void> {
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    throw connectionError(error, databaseUrl);
  }
}

function connectionError(error: unknown, databaseUrl: string): SchemaEngineError {
  const target = describeTarget(databaseUrl);
  const code = errorCode(error);
  if (code === "3D000") {
    return new SchemaEngineError(
      "database-missing",
      `Database "${target.database}" does not exist on ${target.server}.`,
      { code, cause: error },
    );
  }
  if (code === "28P01" || code === "28000") {
    return new SchemaEngineError(
      "authentication-failed",
      `${target.server} refused the credentials for database "${target.database}": ${errorMessage(error)}.`,
      { code, cause: error },
    );
  }
  const reason =
    code === "ENOTFOUND"
      ? "the host name does not resolve"
      : code === "ECONNREFUSED"
        ? "connection refused"
        : /timeout/i.test(errorMessage(error))
          ? "no answer in time"
          : (code ?? errorMessage(error));
  return new SchemaEngineError(
    "database-unreachable",
    `Cannot reach the database server at ${target.server} (${reason}). Is PostgreSQL running there?`,
    { code, cause: error },
  );
}

function describeTarget(databaseUrl: string): { server: string; database: string } {
  const url = new URL(databaseUrl);
  return {
    server: `${url.hostname || "localhost"}:${url.port || "5432"}`,
    database: decodeURIComponent(url.pathname.slice(1)),
  };
}

/** Follows the engine's structured log to know which migration is being applied. */
class MigrationProgress {
  current: string | undefined;

  observe(line: string): void {
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    const name = readPath(entry, ["span", "migration_name"]);
    if (typeof name === "string") this.current = name;
  }
}

function readPath(value: unknown, keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== "object" || current === null || !(key in current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

type ScriptFailure = {
  message: string;
  code: string | undefined;
  line: number | undefined;
  detail: string | undefined;
  hint: string | undefined;
};

/**
 * Runs a migration script as one simple-protocol query, as the native engine does. adapter-pg's
 * own `executeScript` splits the script on every `;`, which breaks semicolons inside strings,
 * comments and `$$` function bodies, and runs the pieces as separate transactions, so a failing
 * migration would be left half applied.
 */
class ScriptRunner {
  lastError: ScriptFailure | undefined;

  constructor(private readonly pool: pg.Pool) {}

  async run(script: string): Promise<void> {
    try {
      await this.pool.query(script);
    } catch (error) {
      const failure = describeScriptFailure(error, script);
      this.lastError = failure;
      // The engine stores this message in `_prisma_migrations.logs` for the failed migration.
      throw new DriverAdapterError({
        kind: "postgres",
        code: failure.code ?? "N/A",
        severity: readString(error, "severity") ?? "ERROR",
        message: failure.message,
        detail: failure.detail,
        column: readString(error, "column"),
        hint: failure.hint,
      });
    }
  }
}

function describeScriptFailure(error: unknown, script: string): ScriptFailure {
  const position = Number(readString(error, "position"));
  const line = Number.isInteger(position) && position > 0 ? lineAt(script, position) : undefined;
  return {
    message: errorMessage(error),
    code: errorCode(error),
    line,
    detail: readString(error, "detail"),
    hint: readString(error, "hint"),
  };
}

/** The 1-based line of a 1-based character position, as PostgreSQL reports error positions. */
function lineAt(text: string, position: number): number {
  let line = 1;
  for (let index = 0; index < position - 1 && index < text.length; index++) {
    if (text[index] === "\n") line++;
  }
  return line;
}

function withWholeScripts(
  factory: PrismaPg,
  runner: ScriptRunner,
): SqlMigrationAwareDriverAdapterFactory {
  const patch = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    adapter.executeScript = (script: string) => runner.run(script);
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patch(await factory.connect()),
    connectToShadowDb: async () => {
      throw new SchemaEngineError(
        "engine",
        "The schema engine asked for a shadow database, which applying migrations never needs.",
      );
    },
  };
}

function toApplyError(
  error: unknown,
  migrationName: string | undefined,
  scriptError: ScriptFailure | undefined,
): SchemaEngineError {
  if (error instanceof SchemaEngineError) return error;
  const code = errorCode(error);
  const message = errorMessage(error);
  if (code === "P3009") {
    const name = /The `([^`]+)` migration/.exec(message)?.[1];
    return new SchemaEngineError(
      "failed-migration-in-history",
      `Migration ${name ?? "(unknown)"} failed in an earlier run and is recorded as failed in ` +
        `_prisma_migrations, so no migration is applied until that is resolved. Fix the database ` +
        `(undo what the migration did, or finish it by hand), then mark it rolled back: ` +
        `\`prisma migrate resolve --rolled-back ${name ?? "<name>"}\`, or ` +
        `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${name ?? "<name>"}' ` +
        `AND finished_at IS NULL;`,
      { code, migrationName: name, cause: error },
    );
  }
  if (scriptError && migrationName) {
    const where = scriptError.line !== undefined ? ` (line ${scriptError.line})` : "";
    const sqlstate = scriptError.code ? ` [SQLSTATE ${scriptError.code}]` : "";
    const extra = [scriptError.detail, scriptError.hint && `Hint: ${scriptError.hint}`]
      .filter(Boolean)
      .join(" ");
    return new SchemaEngineError(
      "migration-failed",
      `Migration ${migrationName} failed${where}: ${scriptError.message}${sqlstate}.` +
        (extra ? ` ${extra}` : "") +
        ` It is recorded as failed in _prisma_migrations; once the database is fixed, mark it ` +
        `rolled back (\`prisma migrate resolve --rolled-back ${migrationName}\`) and migrate again.`,
      { code: scriptError.code, migrationName, cause: error },
    );
  }
  if (code === "P1012") {
    return new SchemaEngineError("invalid-schema", `The Prisma schema is invalid:\n${message}`, {
      code,
      cause: error,
    });
  }
  return new SchemaEngineError("engine", `The schema engine failed: ${firstParagraph(message)}`, {
    code,
    cause: error,
  });
}

// ---------------------------------------------------------------------------------------------
// Diffing datamodels

/**
 * The SQL script that takes a database from one datamodel to another, computed from the two
 * datamodels alone (no database is contacted), as `prisma migrate diff --from-… --to-… --script`
 * prints it.
 *
 * @param options.from the datamodel to start from, or `null` for an empty database.
 * @param options.to the datamodel to arrive at.
 * @param options.fromPath, options.toPath file names shown in validation errors.
 * @returns the script, or `""` when the two datamodels need no change.
 * @throws SchemaEngineError `invalid-schema` when a datamodel does not validate.
 */
export async function diffSchemas(options: {
  from: string | null;
  to: string;
  fromPath?: string;
  toPath?: string;
}): Promise<string> {
  const toFile = { path: options.toPath ?? "schema.prisma", content: options.to };
  const from: DiffTarget =
    options.from === null
      ? { tag: "empty" }
      : {
          tag: "schemaDatamodel",
          files: [{ path: options.fromPath ?? "from.prisma", content: options.from }],
        };
  try {
    const result = await withEngine(toFile, offlineAdapterFactory(), ignoreLog, (engine) =>
      engine.diff({
        from,
        to: { tag: "schemaDatamodel", files: [toFile] },
        script: true,
        // Asks the engine to say whether the diff is empty (exit code 2 means "has changes").
        exitCode: true,
        filters: NO_FILTER,
      }),
    );
    return result.exitCode === 2 ? (result.stdout ?? "") : "";
  } catch (error) {
    if (error instanceof SchemaEngineError) throw error;
    const code = errorCode(error);
    if (code === "P1012") {
      throw new SchemaEngineError("invalid-schema", errorMessage(error), { code, cause: error });
    }
    throw new SchemaEngineError(
      "engine",
      `The schema engine failed to diff: ${firstParagraph(errorMessage(error))}`,
      { code, cause: error },
    );
  }
}

function ignoreLog(): void {}

/**
 * An adapter with no database behind it. The WASM engine connects as soon as it is created and
 * asks for the server version; a datamodel-to-datamodel diff needs nothing else, so this answers
 * that one question and refuses any other SQL loudly rather than pretending.
 */
function offlineAdapterFactory(): SqlMigrationAwareDriverAdapterFactory {
  const refuse = (what: string) =>
    Promise.reject(
      new SchemaEngineError(
        "engine",
        `diffSchemas works without a database, but the schema engine tried to ${what}.`,
      ),
    );
  const adapter: SqlDriverAdapter = {
    provider: "postgres",
    adapterName: "crossbench-offline",
    queryRaw(query: SqlQuery): Promise<SqlResultSet> {
      if (/pg_namespace/.test(query.sql) && /version\(\)/.test(query.sql)) {
        return Promise.resolve({
          columnNames: ["exists", "version", "numeric_version"],
          columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
          rows: [[true, "PostgreSQL 15.0 (no database: datamodel diff)", 150000]],
        });
      }
      return refuse(`run a query: ${query.sql.trim().slice(0, 120)}`);
    },
    executeRaw: (query: SqlQuery) => refuse(`run a statement: ${query.sql.trim().slice(0, 120)}`),
    executeScript: () => refuse("run a script"),
    startTransaction: () => refuse("open a transaction"),
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    dispose: () => Promise.resolve(),
  };
  return {
    provider: "postgres",
    adapterName: "crossbench-offline",
    connect: () => Promise.resolve(adapter),
    connectToShadowDb: () => Promise.resolve(adapter),
  };
}

// ---------------------------------------------------------------------------------------------
// Narrowing unknown errors

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function errorCode(error: unknown): string | undefined {
  return readString(error, "code");
}

function readString(value: unknown, key: string): string | undefined {
  if (typeof value !== "object" || value === null || !(key in value)) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === "string" ? field : undefined;
}

/** Drops the engine's span trace (indented `0: …` lines) that follows the message itself. */
function firstParagraph(message: string): string {
  return message.split(/\n\s+\d+: /)[0]?.trim() ?? message;
}
