import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  rmSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The Maven module beside this file. */
export const moduleDir = dirname(fileURLToPath(import.meta.url));
const targetDir = join(moduleDir, 'target');
const stampFile = join(targetDir, 'trove-build.stamp');
const mainClass = 'org.trove.neo4j.Launcher';

export interface EmbeddedNeo4jOptions {
  /** Store, logs and pid file live here. */
  dataDir: string;
  host?: string;
  /** 0 picks a free port; the bound one is reported back in `uri`. */
  port?: number;
  heapMb?: number;
  pageCacheMb?: number;
  txTimeoutMs?: number;
  /** Memory one transaction may use inside Neo4j (db.memory.transaction.max). */
  txMemoryMb?: number;
  /**
   * The `neo4j` user's password. Empty or unset: the one generated on the first start and kept in
   * the data directory (owner-only), so authentication is on whatever the caller passes.
   */
  password?: string;
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface EmbeddedNeo4j {
  uri: string;
  /** The credentials the database now requires (the generated password unless one was given). */
  user: string;
  password: string;
  pid: number;
  /** Resolves once the JVM has exited; safe to call more than once. */
  stop(): Promise<void>;
}

/** The build is keyed on the pom and the Java sources, so a second start never rebuilds. */
function sourceFingerprint(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(moduleDir, 'pom.xml')));
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        hash.update(path.slice(moduleDir.length));
        hash.update(readFileSync(path));
      }
    }
  };
  walk(join(moduleDir, 'src'));
  return hash.digest('hex');
}

export function isBuilt(): boolean {
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === sourceFingerprint();
}

/** Builds target/classes and target/lib with Maven unless an identical build is already there. */
export function ensureBuilt(log: (line: string) => void = console.log): void {
  if (isBuilt()) return;
  const mvn = process.env.MAVEN_CMD ?? 'mvn';
  log('Building the embedded Neo4j launcher with Maven (first run only, about a minute)...');
  mkdirSync(targetDir, { recursive: true });
  const buildLog = join(targetDir, 'maven-build.log');
  const result = spawnSync(mvn, ['-B', '-q', 'package', '-DskipTests'], {
    cwd: moduleDir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  writeFileSync(buildLog, `${result.stdout ?? ''}${result.stderr ?? ''}`);
  if (result.error) {
    throw new Error(
      `Could not run Maven ('${mvn}'): ${result.error.message}. Install Maven 3.8+ and a JDK 17.`,
    );
  }
  if (result.status !== 0) {
    throw new Error(`Maven build of neo4j/ failed (exit ${result.status}); see ${buildLog}`);
  }
  writeFileSync(stampFile, sourceFingerprint());
}

/** Where the generated password lives, beside the store it protects. */
export function passwordFile(dataDir: string): string {
  return join(resolve(dataDir), 'neo4j-password');
}

/** The generated password of a data directory, or undefined before its first start. */
export function readGeneratedPassword(dataDir: string): string | undefined {
  const file = passwordFile(dataDir);
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8').trim() || undefined;
}

/**
 * The password the embedded database runs with: the caller's, or one generated once per data
 * directory. The file is created owner-only (0600) and put back to 0600 if someone widened it, since
 * anyone who can read it can read and write the whole graph.
 */
export function embeddedPassword(dataDir: string, given?: string): string {
  if (given) return given;
  const file = passwordFile(dataDir);
  const existing = readGeneratedPassword(dataDir);
  if (existing) {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return existing;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const generated = randomBytes(24).toString('base64url');
  writeFileSync(file, `${generated}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return generated;
}

/**
 * The JVM's whole environment, by name. Neo4j needs none of the parent's secrets (TROVE_TOKEN,
 * NEO4J_PASSWORD, cloud keys): anything passed here could be read back through /proc/self/environ by
 * any code that gets to read files as the JVM, so only what Java itself uses goes through.
 */
export const jvmEnvironmentNames = ['PATH', 'JAVA_HOME', 'LANG', 'LC_ALL', 'TZ'] as const;

function jvmEnvironment(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of jvmEnvironmentNames) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

function javaBinary(): string {
  const home = process.env.JAVA_HOME;
  return home ? join(home, 'bin', 'java') : 'java';
}

/** Flags Neo4j's own launcher passes; without java.nio opened, start-up fails on Java 17. */
const jvmFlags = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-XX:+UseG1GC',
  '-Djdk.nio.maxCachedBufferSize=1024',
];

/** Whether a process runs. A zombie does not: it has exited, only its parent has not reaped it yet. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    // No /proc (macOS): signal 0 reached it, so it runs.
    return true;
  }
}

function isOurLauncher(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(mainClass);
  } catch {
    // No /proc (macOS): trust the pid file, which only we write.
    return isAlive(pid);
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * Only one process may hold a store. A launcher left over from an earlier run (a crashed parent, a
 * suspended terminal) is stopped first, so start-up never fails on the store lock.
 */
async function stopLeftover(pidFile: string, log: (line: string) => void): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && isOurLauncher(pid)) {
    log(`Stopping a Neo4j launcher left over from an earlier run (pid ${pid})...`);
    process.kill(pid, 'SIGTERM');
    if (!(await waitForExit(pid, 30_000))) process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 5_000);
  }
  rmSync(pidFile, { force: true });
}

/** Names the usual causes of a failed start in words, so the user does not have to read Java traces. */
function startupFailure(code: number | null, dataDir: string, options: EmbeddedNeo4jOptions): string {
  const logFile = join(dataDir, 'logs', 'launcher.log');
  let log = '';
  try {
    log = readFileSync(logFile, 'utf8').slice(-20_000);
  } catch {
    // No log yet: Java itself did not start; the generic message below applies.
  }
  if (/Address already in use/.test(log)) {
    return `Neo4j could not listen on ${options.host ?? '127.0.0.1'}:${options.port ?? 7687}: the port is in use. Stop what uses it or set NEO4J_BOLT_PORT.`;
  }
  if (/store_lock|Lock file has been locked/.test(log)) {
    return `Another process holds the Neo4j store in ${dataDir}. Stop it, or set NEO4J_DATA_DIR to another folder.`;
  }
  if (/UnsupportedClassVersionError/.test(log)) {
    return `This Java is too old for Neo4j 5.26: install a JDK 17 or 21 and set JAVA_HOME.`;
  }
  return `Neo4j exited during start-up (code ${code}); see ${logFile} and debug.log beside it`;
}

export async function startEmbeddedNeo4j(options: EmbeddedNeo4jOptions): Promise<EmbeddedNeo4j> {
  const log = options.log ?? console.log;
  ensureBuilt(log);
  const dataDir = resolve(options.dataDir);
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const pidFile = join(dataDir, 'launcher.pid');
  await stopLeftover(pidFile, log);
  const password = embeddedPassword(dataDir, options.password);

  const child: ChildProcess = spawn(
    javaBinary(),
    [
      `-Xmx${options.heapMb ?? 512}m`,
      ...jvmFlags,
      '-cp',
      `${join(targetDir, 'classes')}:${join(targetDir, 'lib', '*')}`,
      mainClass,
    ],
    {
      env: jvmEnvironment({
        TROVE_NEO4J_HOME: dataDir,
        TROVE_NEO4J_HOST: options.host ?? '127.0.0.1',
        TROVE_NEO4J_PORT: String(options.port ?? 7687),
        TROVE_NEO4J_PAGECACHE_MB: String(options.pageCacheMb ?? 128),
        TROVE_NEO4J_TX_TIMEOUT_MS: String(options.txTimeoutMs ?? 30_000),
        TROVE_NEO4J_TX_MEMORY_MB: String(options.txMemoryMb ?? 256),
        TROVE_NEO4J_EXIT_WITH_PARENT: '1',
      }),
      // The password goes down stdin, never in the environment or the command line (both readable
      // by other processes of the user); stdin then stays open as a lifeline: the JVM exits when it
      // closes (see Launcher.java).
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start Java ('${javaBinary()}'). Install a JDK 17.`);
  writeFileSync(pidFile, String(pid));
  // A JVM that dies at once closes the pipe: that failure is reported by the exit below, not here.
  child.stdin?.on('error', () => undefined);
  child.stdin?.write(`${password}\n`);
  const stderrLog = createWriteStream(join(dataDir, 'logs', 'launcher-stderr.log'), { flags: 'a' });
  child.stderr?.pipe(stderrLog);

  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  void exited.then(() => {
    stderrLog.end();
    // Leave the pid file alone if a newer launcher already replaced it.
    if (existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() === String(pid))
      rmSync(pidFile, { force: true });
  });

  const uri = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(
        new Error(`Neo4j did not start within ${options.readyTimeoutMs ?? 120_000} ms; see ${dataDir}/logs`),
      );
    }, options.readyTimeoutMs ?? 120_000);
    if (!child.stdout) throw new Error('spawned without a stdout pipe');
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /^TROVE_NEO4J_READY (\S+)$/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        ready(match[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(startupFailure(code, dataDir, options)));
    });
  });

  let stopping: Promise<void> | undefined;
  return {
    uri,
    user: 'neo4j',
    password,
    pid,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000).unref());
        if ((await Promise.race([exited, timeout])) === 'timeout') {
          child.kill('SIGKILL');
          await exited;
        }
      })();
      return stopping;
    },
  };
}
