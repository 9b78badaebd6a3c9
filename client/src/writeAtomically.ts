// Writes a file the user asked for so that a reader (or the user, after a failure) sees the old
// content or the whole new one, never a torn file: the bytes go to a hidden temp file beside the
// target, renamed over it when complete. Through VS Code's file system, so it works for remote
// and virtual workspaces too; the engine's own outputs use server/src/util/atomicWrite.ts. Unlike
// that one, a symlink at the target is replaced by the file (its target is left as it was).
import * as vscode from 'vscode';

export async function writeAtomically(target: vscode.Uri, bytes: Uint8Array): Promise<void> {
  const name = target.path.slice(target.path.lastIndexOf('/') + 1);
  const temp = vscode.Uri.joinPath(target, '..', `.${name.slice(0, 200)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    await vscode.workspace.fs.writeFile(temp, bytes);
    await vscode.workspace.fs.rename(temp, target, { overwrite: true });
  } catch (err) {
    await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
    throw err;
  }
}
