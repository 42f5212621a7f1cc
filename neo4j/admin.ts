// neo4j-admin from the project's own jars: `database import full` is Neo4j's org.neo4j.cli.AdminTool
// with the import tool (org.neo4j:neo4j-import-tool, a dependency of org.neo4j:neo4j that the build
// copies into target/lib). No separate Neo4j download is needed.
//
//   npx tsx neo4j/admin.ts import <folder of the unzipped format=neo4j-admin export> <data dir>
//
// imports into <data dir>/data/databases/neo4j, the layout the embedded launcher uses
// (NEO4J_DATA_DIR); then start Trove on that data dir and run restore-lists.cypher once.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt, moduleDir } from './launcher.js';

export interface ImportArgs {
  nodes: string[];
  relationships: string[];
  arrayDelimiter: string;
}

const flags = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
];

/**
 * Runs `neo4j-admin database import full` on the files of `dir` (named in its import-args.json)
 * into `dataDir`, which must hold no database yet. Resolves with the tool's output; rejects with it
 * when the tool fails.
 */
export async function importFull(
  dir: string,
  dataDir: string,
  options: { heapMb?: number; log?: (line: string) => void } = {},
): Promise<string> {
  ensureBuilt(options.log);
  const args = JSON.parse(readFileSync(join(dir, 'import-args.json'), 'utf8')) as ImportArgs;
  mkdirSync(dataDir, { recursive: true });
  // neo4j-admin reads NEO4J_CONF; an empty one leaves every setting at its default.
  const conf = mkdtempSync(join(tmpdir(), 'trove-admin-conf-'));
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const target = join(moduleDir, 'target');
  const command = [
    ...flags,
    `-Xmx${options.heapMb ?? 512}m`,
    '-cp',
    `${join(target, 'classes')}:${join(target, 'lib', '*')}`,
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    ...args.nodes.map((file) => `--nodes=${join(dir, file)}`),
    ...args.relationships.map((file) => `--relationships=${join(dir, file)}`),
    `--array-delimiter=${args.arrayDelimiter}`,
    '--multiline-fields=true',
    '--threads=2',
    '--max-off-heap-memory=256m',
    'neo4j',
  ];
  try {
    return await new Promise<string>((done, fail) => {
      const child = spawn(java, command, {
        cwd: dir,
        env: {
          PATH: process.env.PATH,
          JAVA_HOME: process.env.JAVA_HOME,
          NEO4J_HOME: resolve(dataDir),
          NEO4J_CONF: conf,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', fail);
      child.on('exit', (code) =>
        code === 0
          ? done(output)
          : fail(new Error(`neo4j-admin import exited ${code}:\n${output.slice(-4000)}`)),
      );
    });
  } finally {
    rmSync(conf, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [verb, dir, dataDir] = process.argv.slice(2);
  if (verb !== 'import' || !dir || !dataDir) {
    console.error('usage: npx tsx neo4j/admin.ts import <unzipped export folder> <data dir>');
    process.exit(2);
  }
  importFull(resolve(dir), resolve(dataDir), { log: console.log }).then(
    (output) => console.log(output),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
