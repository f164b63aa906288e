import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  readonly pid: number;
  readonly processGroup: number;
  readonly command: string;
  /** utime + stime + cutime + cstime, ms: the process's CPU and that of its reaped children. */
  readonly cpuMs: number;
}

/** Parses /proc/<pid>/stat (the command may hold spaces and parentheses). */
export const parseProcStat = (text: string): ProcStat => {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const fields = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  // After the command: state(0) ppid(1) pgrp(2) ... utime(11) stime(12) cutime(13) cstime(14).
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
  return {
    pid: Number(text.slice(0, open).trim()),
    processGroup: Number(fields[2]),
    command: text.slice(open + 1, close),
    cpuMs: (ticks * 1000) / TICKS_PER_SECOND,
  };
};

/**
 * CPU used so far by every process of a process group (the emulator started by `make up` leads
 * its own group, with its Lambda workers), in total and for its `node` function workers.
 */
export const processGroupCpu = (processGroup: number): { totalMs: number; nodeMs: number } => {
  let totalMs = 0;
  let nodeMs = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: ProcStat;
    try {
      stat = parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8'));
    } catch {
      continue; // exited meanwhile
    }
    if (stat.processGroup !== processGroup) continue;
    totalMs += stat.cpuMs;
    if (stat.command === 'node') nodeMs += stat.cpuMs;
  }
  return { totalMs, nodeMs };
};
