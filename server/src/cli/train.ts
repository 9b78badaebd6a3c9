// Placeholder until the owning work lands: reports that the command is not built yet.
export const summary = 'not built yet';
export const usage = 'reflection-lens train: not built yet\n';
export async function run(_argv: string[]): Promise<number> {
  process.stderr.write('reflection-lens train: not built yet\n');
  return 1;
}
