// Settings per document, pulled with workspace/configuration (scopeUri = the document) when the
// client supports it, else taken from didChangeConfiguration pushes, else the defaults. The
// calibration requests ask with a file or folder URI (or '' for the workspace's own settings).
import type { Connection } from 'vscode-languageserver';
import { checkSettings, defaultSettings, settingsKey, type LensSettings } from './settings.js';

export interface ResolvedSettings {
  settings: LensSettings;
  key: string;
}

export class WorkspaceSettings {
  private readonly perUri = new Map<string, Promise<ResolvedSettings>>();
  private pushed: unknown = undefined;
  private readonly reported = new Set<string>();
  canPull = false;

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

  /** After workspace/didChangeConfiguration: `pushed` is the client's `settings` payload, if any. */
  changed(pushed: unknown): void {
    const section = pushed && typeof pushed === 'object' ? (pushed as Record<string, unknown>).reflectionLens : undefined;
    if (section !== undefined) this.pushed = section;
    this.perUri.clear();
  }

  private async load(uri: string): Promise<ResolvedSettings> {
    let raw: unknown = this.pushed;
    if (this.canPull) {
      try {
        // '' asks for the workspace's settings (no resource scope).
        raw = await this.connection.workspace.getConfiguration(
          uri === '' ? { section: 'reflectionLens' } : { scopeUri: uri, section: 'reflectionLens' },
        );
      } catch (e) {
        this.connection.console.warn(`workspace/configuration failed (${(e as Error).message}); using defaults`);
      }
    }
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
