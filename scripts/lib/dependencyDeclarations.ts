import { builtinModules } from 'node:module';

/**
 * The rule for declared dependencies, as pure functions over file texts and manifests:
 * - a package's non-test code imports values only from its own `dependencies`;
 * - type-only imports and test code (`*.test.ts`, `*.int.ts`, `testing/`, `test/`) may also use its
 *   `devDependencies`;
 * - every entry of `dependencies` is imported by the package's non-test code (test-only → dev).
 * The lockfile half mirrors what `npm ci` rejects: a lock whose manifests drifted from the
 * package.json files, or a dependency (optional per-platform binaries included) with no lock entry.
 */

export type Manifest = {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

export type ImportedPackage = { name: string; typeOnly: boolean };
export type SourceFile = { path: string; text: string };

const builtins = new Set(builtinModules);

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`; relative paths and builtins → undefined. */
export const packageNameOf = (specifier: string): string | undefined => {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:'))
    return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return name && !builtins.has(name) ? name : undefined;
};

const staticImport = /(?:^|[\n;])\s*(import|export)(\s+type)?\b[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]/g;
const sideEffectImport = /(?:^|[\n;])\s*import\s*['"]([^'"]+)['"]/g;
const dynamicImport = /\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g;

export const importsOf = (text: string): ImportedPackage[] => {
  const found: ImportedPackage[] = [];
  const add = (specifier: string | undefined, typeOnly: boolean) => {
    const name = specifier && packageNameOf(specifier);
    if (name) found.push({ name, typeOnly });
  };
  for (const match of text.matchAll(staticImport)) add(match[3], Boolean(match[2]));
  for (const match of text.matchAll(sideEffectImport)) add(match[1], false);
  for (const match of text.matchAll(dynamicImport)) add(match[1], false);
  return found;
};

export const isTestFile = (path: string): boolean =>
  /\.(test|int)\.ts$/.test(path) || /(^|\/)(testing|test)\//.test(path);

/** Violations of the rule for one package: its manifest and its own source files. */
export const undeclaredImports = (label: string, manifest: Manifest, files: SourceFile[]): string[] => {
  const runtime = new Set(Object.keys(manifest.dependencies ?? {}));
  const anyDeclared = new Set([...runtime, ...Object.keys(manifest.devDependencies ?? {})]);
  // `import type … from 'aws-lambda'` is satisfied by `@types/aws-lambda`.
  const declaresTypes = (name: string) =>
    anyDeclared.has(name) || anyDeclared.has(`@types/${name.replace(/^@(.*)\/(.*)$/, '$1__$2')}`);
  const problems: string[] = [];
  const usedAtRuntime = new Set<string>();
  for (const file of files) {
    const test = isTestFile(file.path);
    for (const { name, typeOnly } of importsOf(file.text)) {
      if (name === manifest.name) continue;
      if (!test && !typeOnly) {
        usedAtRuntime.add(name);
        if (!runtime.has(name))
          problems.push(`${label}: ${file.path} imports ${name}, missing from "dependencies"`);
      } else if (!declaresTypes(name)) {
        problems.push(`${label}: ${file.path} imports ${name}, declared in neither dependencies list`);
      }
    }
  }
  for (const name of runtime)
    if (!usedAtRuntime.has(name))
      problems.push(
        `${label}: "dependencies" has ${name}, which no non-test file imports (devDependencies?)`,
      );
  return [...new Set(problems)];
};

type LockEntry = Manifest & { link?: boolean; resolved?: string };
export type Lockfile = { packages: Record<string, LockEntry> };

const sameEntries = (a: Record<string, string> = {}, b: Record<string, string> = {}) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** Where Node (and npm ci) would find `name` from the package installed at `location`. */
const resolveIn = (lock: Lockfile, location: string, name: string): string | undefined => {
  let dir = location;
  for (;;) {
    const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (dir === '') return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut >= 0 ? dir.slice(0, cut) : '';
  }
};

/** What `npm ci` would reject: manifests out of sync with the lock, or dependencies with no entry. */
export const lockfileProblems = (lock: Lockfile, manifests: Record<string, Manifest>): string[] => {
  const problems: string[] = [];
  for (const [location, manifest] of Object.entries(manifests)) {
    const entry = lock.packages[location];
    const label = location || 'root';
    if (!entry) {
      problems.push(`lockfile: no entry for workspace ${label}`);
      continue;
    }
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies'] as const)
      if (!sameEntries(manifest[field], entry[field]))
        problems.push(`lockfile: ${field} of ${label} differ from its package.json (run npm install)`);
  }
  for (const [location, entry] of Object.entries(lock.packages)) {
    if (entry.link) continue;
    const names = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...(location in manifests ? Object.keys(entry.devDependencies ?? {}) : []),
    ];
    for (const name of names)
      if (!resolveIn(lock, location, name))
        problems.push(`lockfile: ${name} (needed by ${location || 'root'}) has no entry`);
  }
  return problems;
};
