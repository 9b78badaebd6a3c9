// Settings per document, pulled with workspace/configuration (scopeUri = the document) when the
// client supports it, else taken from didChangeConfiguration pushes (or the initialize request's
// initializationOptions), else the defaults. The calibration requests ask with a file or folder
// URI (or '' for the workspace's own settings). Clients other than VS Code send settings in other
// shapes (settingsSection); a configuration request the client does not answer in time falls back
// to the pushed settings or the defaults, and the late answer, when it comes, is applied then.
import type { Connection } from 'vscode-languageserver';
import { checkSettings, defaultSettings, settingsKey, type LensSettings } from './settings.js';

export interface ResolvedSettings {
  settings: LensSettings;
  key: string;
}

/** The settings the server reads (settings.ts), and the `reflectionLens.*` sections only the VS Code client reads. */
const SERVER_KEYS = new Set<string>(Object.keys(defaultSettings));
const CLIENT_KEYS = new Set(['import', 'training', 'calibration']);
const SECTION = 'reflectionLens';
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The `reflectionLens` settings in whatever shape a client sends them: the section itself
 * (`{markers: [...]}`, VS Code's answer), nested one level (`{reflectionLens: {...}}`: a client
 * answering with its whole configuration, didChangeConfiguration's payload), or dotted keys
 * (`{"reflectionLens.markers": [...]}`). `section` is undefined when `raw` holds none of them;
 * `ignored` names what cannot be used (unknown keys, a value that is not an object).
 */
export function settingsSection(raw: unknown): { section: Record<string, unknown> | undefined; ignored: string[] } {
  if (raw === null || raw === undefined) return { section: undefined, ignored: [] };
  if (!isObject(raw)) return { section: undefined, ignored: [`${JSON.stringify(raw)?.slice(0, 80)} (not an object)`] };
  const ignored: string[] = [];
  let section: Record<string, unknown> | undefined;
  const put = (key: string, value: unknown): void => {
    const top = key.split('.')[0];
    if (SERVER_KEYS.has(key)) (section ??= {})[key] = value;
    else if (CLIENT_KEYS.has(top)) section ??= {};
    else ignored.push(`${SECTION}.${key}`);
  };
  const nested = raw[SECTION];
  if (isObject(nested)) for (const [k, v] of Object.entries(nested)) put(k, v);
  const dotted = Object.keys(raw).filter((k) => k.startsWith(`${SECTION}.`));
  for (const k of dotted) put(k.slice(SECTION.length + 1), raw[k]);
  // Flat keys: the section itself. Beside a nested section or dotted keys, the other top-level
  // keys are other tools' settings (a client's whole configuration): not ours to report.
  const flat = Object.keys(raw).filter((k) => k !== SECTION && !k.startsWith(`${SECTION}.`));
  if (isObject(nested) || dotted.length > 0) {
    for (const k of flat) if (SERVER_KEYS.has(k)) put(k, raw[k]);
  } else for (const k of flat) put(k, raw[k]);
  if (nested !== undefined && !isObject(nested)) ignored.push(`${SECTION}: ${JSON.stringify(nested)?.slice(0, 80)} (not an object)`);
  return { section, ignored };
}

const TIMED_OUT = Symbol('timed out');

export class WorkspaceSettings {
  private readonly perUri = new Map<string, Promise<ResolvedSettings>>();
  /** Settings pushed by didChangeConfiguration (or given as initializationOptions), if any. */
  private pushed: Record<string, unknown> | undefined = undefined;
  /** Bumped on every didChangeConfiguration: a late answer to an older request is stale. */
  private generation = 0;
  private readonly reported = new Set<string>();
  private readonly logged = new Set<string>();
  canPull = false;
  /** How long a workspace/configuration answer is awaited before the fallback is used. */
  timeoutMs = 1500;
  /** Called when a late configuration answer changed a document's settings: re-publish it. */
  onLateAnswer: (uri: string) => void = () => undefined;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<ResolvedSettings> {
    let p = this.perUri.get(uri);
    if (!p) {
      p = this.load(uri);
      this.perUri.set(uri, p);
    }
    return p;
  }

  forget(uri: string): void {
    this.perUri.delete(uri);
  }

  /** The initialize request's initializationOptions: settings for clients that cannot send them otherwise. */
  initial(options: unknown): void {
    const { section, ignored } = settingsSection(options);
    if (section) this.pushed = section;
    this.logIgnored('initializationOptions', ignored);
  }

  /** After workspace/didChangeConfiguration: `pushed` is the client's `settings` payload, if any. */
  changed(pushed: unknown): void {
    const { section, ignored } = settingsSection(pushed);
    if (section !== undefined) this.pushed = section;
    this.logIgnored('didChangeConfiguration', ignored);
    this.generation++;
    this.perUri.clear();
  }

  private logOnce(message: string): void {
    if (this.logged.has(message)) return;
    this.logged.add(message);
    this.connection.console.warn(`reflection-lens: ${message}`);
  }

  private logIgnored(where: string, ignored: string[]): void {
    if (ignored.length > 0) this.logOnce(`settings from ${where} not used: ${ignored.join(', ')}`);
  }

  /** What stands in for an answer that is missing, late or failed. */
  private get fallbackName(): string {
    return this.pushed ? 'the settings pushed by the client' : 'the defaults';
  }

  /** A configuration answer as settings: its section, else the pushed settings (a null answer means "none here"). */
  private fromAnswer(answer: unknown): Record<string, unknown> | undefined {
    const { section, ignored } = settingsSection(answer);
    this.logIgnored('workspace/configuration', ignored);
    return section ?? this.pushed;
  }

  private async load(uri: string): Promise<ResolvedSettings> {
    if (!this.canPull) return this.resolve(this.pushed);
    const generation = this.generation;
    // '' asks for the workspace's settings (no resource scope).
    const request: Promise<unknown> = this.connection.workspace.getConfiguration(
      uri === '' ? { section: SECTION } : { scopeUri: uri, section: SECTION },
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), this.timeoutMs)));
    try {
      const answer = await Promise.race([request, timeout]);
      if (answer !== TIMED_OUT) return this.resolve(this.fromAnswer(answer));
    } catch (e) {
      this.logOnce(`workspace/configuration failed (${(e as Error).message}); using ${this.fallbackName}`);
      return this.resolve(this.pushed);
    } finally {
      clearTimeout(timer);
    }
    // No answer in time: a client that never answers must not hold every request on the document.
    this.logOnce(`workspace/configuration not answered within ${this.timeoutMs} ms; using ${this.fallbackName} until the answer comes`);
    const used = this.resolve(this.pushed);
    request.then(
      (late) => {
        if (generation !== this.generation || !this.perUri.has(uri)) return; // asked again since, or closed
        const fresh = this.resolve(this.fromAnswer(late));
        if (JSON.stringify(fresh.settings) === JSON.stringify(used.settings)) return;
        this.perUri.set(uri, Promise.resolve(fresh));
        this.onLateAnswer(uri);
      },
      () => undefined,
    );
    return used;
  }

  private resolve(raw: Record<string, unknown> | undefined): ResolvedSettings {
    const { settings, problems } = raw === undefined ? { settings: defaultSettings, problems: [] } : checkSettings(raw);
    for (const p of problems) {
      if (this.reported.has(p)) continue;
      this.reported.add(p);
      void this.connection.window.showWarningMessage(`Reflection Lens: ${p}`);
    }
    return { settings, key: intern(settingsKey(settings)) };
  }
}

/**
 * One string object per distinct settings key: records check their cached analyses against the
 * key on every publish, and two equal keys that are one object compare at once, where equal keys
 * read at different times (a settings change that leaves the analysis alone) compare character by character.
 */
const keys = new Map<string, string>();
function intern(key: string): string {
  const known = keys.get(key);
  if (known !== undefined) return known;
  if (keys.size > 64) keys.clear();
  keys.set(key, key);
  return key;
}
