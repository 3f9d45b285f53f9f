import { access } from 'node:fs/promises';

/**
 * True while the guard file exists. Checked at every decision, so an operator can `touch` it without
 * the API (and without a token). An unreadable path counts as present: when in doubt, do not buy.
 */
export async function buyGuardFileExists(path: string | undefined): Promise<boolean> {
  if (path === undefined) return false;
  try {
    await access(path);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}
