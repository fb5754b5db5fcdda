import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis as { accordTestServices?: { stop: () => Promise<void> }[]; accordTestDataDir?: string };
  for (const service of state.accordTestServices ?? []) await service.stop();
  if (state.accordTestDataDir) fs.rmSync(state.accordTestDataDir, { recursive: true, force: true });
}
