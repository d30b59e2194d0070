/**
 * The test runner that VS Code loads in the extension host (--extensionTestsPath): mocha BDD
 * over every `*.test.js` in this folder. A failing test rejects, so the extension host exits
 * with 1 and the run fails.
 *
 * The report is formatted here and tagged with OUTPUT_MARKER: under code-server the workbench
 * forwards the extension host's console without printf formatting, mixed with its own log
 * lines, and the shim prints only the tagged lines.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export const OUTPUT_MARKER = '[extension host] ';

export function run(): Promise<void> {
  // VS Code's extension host does not let code replace console.log; mocha's reporters print
  // through Base.consoleLog, which can be replaced.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(OUTPUT_MARKER + format(...args));
  const grep = process.env.JACOBIAN_LENS_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, ...(grep ? { grep } : {}) });
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        // Let the workbench's log writer take the last lines before the extension host exits.
        setTimeout(() => {
          if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
          else resolve();
        }, 500);
      });
    } catch (e) {
      reject(e);
    }
  });
}
