// The import rules of the architecture are a lint rule; these cases prove it bites.
import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { layerImports } from '../../tools/eslint/layer-imports.js';
import { areas } from '../../tools/eslint/layers.js';

const root = path.resolve(import.meta.dirname, '../..');
const at = (rel: string) => path.join(root, rel);
const options = [{ root, areas }];

RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
});

tester.run('layer-imports', layerImports, {
  valid: [
    {
      filename: at('ui/App.tsx'),
      code: "import { Snapshot } from '../src/api/kiosk-api';",
      options,
    },
    { filename: at('ui/App.tsx'), code: "import { useState } from 'react';", options },
    {
      filename: at('src/host/start-host.ts'),
      code: "import { openJournal } from '../../offline-queue/open-journal';",
      options,
    },
    {
      filename: at('src/host/start-host.ts'),
      code: "import { Id003BillAcceptor } from '../../drivers/bill-acceptor/id003/id003-driver';",
      options,
    },
    { filename: at('src/electron/main.ts'), code: "import { app } from 'electron';", options },
    {
      filename: at('sim/launch.ts'),
      code: "import { startHost } from '../src/host/start-host';",
      options,
    },
    {
      filename: at('drivers/serial/serial-port.ts'),
      code: "import { readFile } from 'node:fs';",
      options,
    },
    { filename: at('test/e2e/x.test.ts'), code: "import { App } from '../../ui/App';", options },
  ],
  invalid: [
    {
      filename: at('ui/App.tsx'),
      code: "import { startHost } from '../src/host/start-host';",
      options,
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('ui/App.tsx'),
      code: "import { readFile } from 'node:fs';",
      options,
      errors: [{ messageId: 'builtin' }],
    },
    {
      filename: at('ui/App.tsx'),
      code: "import { readFile } from 'fs';",
      options,
      errors: [{ messageId: 'builtin' }],
    },
    {
      filename: at('ui/App.tsx'),
      code: "import { ipcRenderer } from 'electron';",
      options,
      errors: [{ messageId: 'electron' }],
    },
    {
      filename: at('drivers/x.ts'),
      code: "import { loadConfig } from '../src/config/load-config';",
      options,
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('drivers/x.ts'),
      code: "import { openJournal } from '../offline-queue/open-journal';",
      options,
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('offline-queue/x.ts'),
      code: "export * from '../src/host/start-host';",
      options,
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('offline-queue/x.ts'),
      code: "const m = import('../drivers/device');",
      options,
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('src/host/x.ts'),
      code: "import { app } from 'electron';",
      options,
      errors: [{ messageId: 'electron' }],
    },
    {
      filename: at('src/host/x.ts'),
      code: "import { DevPanel } from '../../sim/dev-panel/DevPanel';",
      options,
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('src/host/x.ts'),
      code: "import { App } from '../../ui/App';",
      options,
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('src/api/x.ts'),
      code: "import { sign } from '../gateway/signature';",
      options,
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('src/api/x.ts'),
      code: "import { createHash } from 'node:crypto';",
      options,
      errors: [{ messageId: 'builtin' }],
    },
    {
      filename: at('sim/launch.ts'),
      code: "import { App } from '../ui/App';",
      options,
      errors: [{ messageId: 'layer' }],
    },
  ],
});
