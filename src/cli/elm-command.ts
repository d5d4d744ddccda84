import type { Config } from '../config.js';
import { exportQualificationElm } from '../export/index.js';
import { openAnalysisContext } from './analysis-context.js';

/** `escograph elm <qualification>`: the qualification's learning outcomes and accepted skills as ELM JSON-LD. */
export async function runElm(config: Config, options: { qualification: string; version?: string; language?: string }): Promise<void> {
  const { context, close } = await openAnalysisContext(config);
  try {
    process.stdout.write(`${JSON.stringify(await exportQualificationElm(context, options), null, 2)}\n`);
  } finally {
    close();
  }
}
