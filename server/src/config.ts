import { z } from 'zod';

// Empty strings from the environment mean "unset", so `PORT= npm start` behaves like no PORT.
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const integer = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a whole number from ${min} to ${max}, got '${value}'`,
        });
        return z.NEVER;
      }
      return parsed;
    });

const environmentSchema = z.object({
  HOST: optionalString.transform((v) => v ?? '127.0.0.1'),
  PORT: integer(8080, 0, 65535),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NEO4J_URI: optionalString,
  NEO4J_USER: optionalString.transform((v) => v ?? 'neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATA_DIR: optionalString.transform((v) => v ?? '.data/neo4j'),
  NEO4J_BOLT_PORT: integer(7687, 0, 65535),
  NEO4J_HEAP_MB: integer(512, 128, 65536),
  NEO4J_PAGECACHE_MB: integer(128, 8, 262144),
  NEO4J_TX_TIMEOUT_MS: integer(30_000, 100, 3_600_000),
  QUERY_TIMEOUT_MS: integer(5_000, 100, 600_000),
  QUERY_ROW_CAP: integer(1_000, 1, 1_000_000),
  QUERY_RESULT_MAX_BYTES: integer(16_000_000, 1_000, 1_000_000_000),
  SEED_ON_START: z.enum(['true', 'false']).default('true'),
  TROVE_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  TROVE_TOKEN_NAME: optionalString.pipe(z.string().max(80, 'must be at most 80 characters').optional()),
  RATE_LIMIT_WINDOW_MS: integer(60_000, 1_000, 3_600_000),
  RATE_LIMIT_MAX: integer(600, 0, 1_000_000),
  RATE_LIMIT_CONSOLE_MAX: integer(60, 0, 1_000_000),
  NEO4J_TX_MEMORY_MB: integer(256, 16, 65536),
  ALLOWED_HOSTS: optionalString,
  OVERLOAD_MAX_IN_FLIGHT: integer(8, 0, 100_000),
  OVERLOAD_TARGET_MS: integer(1_000, 1, 600_000),
  OVERLOAD_MAX_QUEUE: integer(512, 0, 1_000_000),
  OVERLOAD_QUEUE_MS: integer(1_000, 0, 600_000),
  OVERLOAD_SERVICE_MS: integer(6_000, 0, 3_600_000),
  OVERLOAD_MAX_LAG_MS: integer(500, 0, 60_000),
});

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);
/** Names that mean "every interface": not a name any client would put in a Host header. */
const wildcardHosts = new Set(['0.0.0.0', '::', '[::]']);

/** The lower-case host name of a Host header or list entry, without port or IPv6 brackets. */
export function hostName(value: string): string {
  const v = value.trim().toLowerCase();
  if (v.startsWith('[')) return v.slice(1, v.indexOf(']') === -1 ? undefined : v.indexOf(']'));
  const colon = v.indexOf(':');
  // More than one colon without brackets is a bare IPv6 address, which has no port.
  return colon !== -1 && colon === v.lastIndexOf(':') ? v.slice(0, colon) : v;
}

export interface Config {
  host: string;
  port: number;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  neo4j: {
    /** Undefined: start the embedded Neo4j and use it. */
    uri: string | undefined;
    user: string;
    password: string;
    embedded: {
      dataDir: string;
      boltPort: number;
      heapMb: number;
      pageCacheMb: number;
      txTimeoutMs: number;
      /** Memory one transaction may use inside Neo4j before it is stopped. */
      txMemoryMb: number;
    };
  };
  /** Console limits: the result's rows, and its approximate size in bytes of JSON. */
  query: { timeoutMs: number; rowCap: number; resultMaxBytes: number };
  seedOnStart: boolean;
  /**
   * Beyond loopback, story writes and the Cypher console need `Authorization: Bearer <token>`; with
   * no token configured there, they are refused outright rather than left open.
   */
  access: {
    exposed: boolean;
    token: string | undefined;
    /** Who writes with the token, as the history records it ("token" when unset). */
    tokenName: string | undefined;
  };
  /**
   * Host names the server answers to (DNS rebinding: a page on attacker.example whose name is made
   * to resolve to 127.0.0.1 is a different Host). Loopback names always; `ALLOWED_HOSTS` and a
   * concrete `HOST` beyond loopback add to them; `*` (any) switches the check off.
   */
  allowedHosts: Set<string> | 'any';
  /**
   * Load shedding: at most `maxInFlight` API requests at once (0: off), fewer while they take over
   * `targetMs` each (a saturated machine); up to `maxQueue` more wait at
   * most `maxQueueMs` for their turn; beyond that, or with the event loop `maxLagMs` behind, a
   * request is answered 503 with Retry-After instead of waiting into a client's timeout; so is a
   * read still unanswered `maxServiceMs` after it was admitted.
   */
  overload: {
    maxInFlight: number;
    targetMs: number;
    maxQueue: number;
    maxQueueMs: number;
    maxLagMs: number;
    maxServiceMs: number;
  };
  /**
   * Requests per client and window when exposed beyond loopback (0: no limit); the console and writes
   * have their own, smaller budget because each can keep the database busy for seconds.
   */
  rateLimit: { windowMs: number; max: number; consoleMax: number };
}

export class ConfigError extends Error {}

/** Reads and validates the environment once; every problem is named, not just the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const exposed = !loopbackHosts.has(e.HOST);
  if (exposed && e.NEO4J_URI !== undefined && e.NEO4J_PASSWORD === '') {
    throw new ConfigError(
      `Invalid configuration:\n  NEO4J_PASSWORD: must be set when HOST (${e.HOST}) is beyond loopback and NEO4J_URI names a database; a database without authentication is not served to the network`,
    );
  }
  const listed = (e.ALLOWED_HOSTS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const allowedHosts: Config['allowedHosts'] = listed.includes('*')
    ? 'any'
    : new Set([
        ...loopbackHosts,
        ...listed.map(hostName),
        ...(exposed && !wildcardHosts.has(e.HOST) ? [hostName(e.HOST)] : []),
      ]);
  return {
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    neo4j: {
      uri: e.NEO4J_URI,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      embedded: {
        dataDir: e.NEO4J_DATA_DIR,
        boltPort: e.NEO4J_BOLT_PORT,
        heapMb: e.NEO4J_HEAP_MB,
        pageCacheMb: e.NEO4J_PAGECACHE_MB,
        txTimeoutMs: e.NEO4J_TX_TIMEOUT_MS,
        txMemoryMb: e.NEO4J_TX_MEMORY_MB,
      },
    },
    query: {
      timeoutMs: e.QUERY_TIMEOUT_MS,
      rowCap: e.QUERY_ROW_CAP,
      resultMaxBytes: e.QUERY_RESULT_MAX_BYTES,
    },
    seedOnStart: e.SEED_ON_START === 'true',
    access: { exposed, token: e.TROVE_TOKEN, tokenName: e.TROVE_TOKEN_NAME },
    allowedHosts,
    overload: {
      maxInFlight: e.OVERLOAD_MAX_IN_FLIGHT,
      targetMs: e.OVERLOAD_TARGET_MS,
      maxQueue: e.OVERLOAD_MAX_QUEUE,
      maxQueueMs: e.OVERLOAD_QUEUE_MS,
      maxLagMs: e.OVERLOAD_MAX_LAG_MS,
      maxServiceMs: e.OVERLOAD_SERVICE_MS,
    },
    rateLimit: {
      windowMs: e.RATE_LIMIT_WINDOW_MS,
      max: e.RATE_LIMIT_MAX,
      consoleMax: e.RATE_LIMIT_CONSOLE_MAX,
    },
  };
}
