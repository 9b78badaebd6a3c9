// Types for scripts/code-server.mjs (plain JS so that `npm start` runs without a TypeScript loader).
export const NODE_VERSION: string;
export const CODE_SERVER_VERSION: string;
export const paths: {
  repoRoot: string;
  cacheDir: string;
  nodePrefix: string;
  nodeDir: string;
  nodeBinDir: string;
  node: string;
  codeServerPrefix: string;
  codeServerDir: string;
  codeServerEntry: string;
};
export function isCodeServerInstalled(): boolean;
export function freePort(): Promise<number>;
export function runCodeServerCli(
  args: string[],
  dirs: { extensionsDir: string; userDataDir: string; home: string },
): Promise<{ code: number; output: string }>;
export interface RunningCodeServer {
  url: string;
  port: number;
  pid: number;
  logPath: string;
  stop(): Promise<void>;
}
export function startCodeServer(opts: {
  home: string;
  folder?: string;
  port?: number;
  settings?: Record<string, unknown>;
  extensionsDir?: string;
  userDataDir?: string;
  smokeTestDriver?: boolean;
  extraArgs?: string[];
  log?: 'pipe' | 'inherit';
}): Promise<RunningCodeServer>;
