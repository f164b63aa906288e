import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Every run writes here (ignored by git); only `make bench-report` copies it into bench/. */
export const OUT_DIR = path.resolve(__dirname, '..', 'out');

export const writeOut = (file: string, content: string): string => {
  mkdirSync(OUT_DIR, { recursive: true });
  const target = path.join(OUT_DIR, file);
  writeFileSync(target, content);
  return target;
};

export const readOut = <T>(file: string): T | undefined => {
  const source = path.join(OUT_DIR, file);
  return existsSync(source) ? (JSON.parse(readFileSync(source, 'utf8')) as T) : undefined;
};

export const readOutText = (file: string): string | undefined => {
  const source = path.join(OUT_DIR, file);
  return existsSync(source) ? readFileSync(source, 'utf8') : undefined;
};
