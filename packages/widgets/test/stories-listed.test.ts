// The axe run over every story (src/stories-a11y.test.ts, in the browser) imports each stories file by name:
// a stories file added later must be added there too, or its stories would go unchecked.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '../../..');

test('every stories file is in the axe run over every story', () => {
  const files = readdirSync(resolve(root, 'stories')).filter((name) => name.endsWith('.stories.ts'));
  assert.ok(files.length >= 5, 'stories files found');
  const axeRun = readFileSync(resolve(root, 'packages/widgets/src/stories-a11y.test.ts'), 'utf8');
  const missing = files.filter((name) => !axeRun.includes(`from '../../../stories/${name}'`));
  assert.deepEqual(missing, [], 'stories files not imported by packages/widgets/src/stories-a11y.test.ts');
});
