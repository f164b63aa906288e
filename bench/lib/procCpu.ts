import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface ProcStat {
  readonly pid: number;
  readonly processGroup: number;
  readonly command: string;
  /** utime + stime, ms: the process's own CPU. */
  readonly ownMs: number;
  /** cutime + cstime, ms: the CPU of the children it has reaped. */
  readonly reapedChildrenMs: number;
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
  const ms = (...indexes: number[]) =>
    (indexes.reduce((sum, i) => sum + Number(fields[i] ?? 0), 0) * 1000) / TICKS_PER_SECOND;
  return {
    pid: Number(text.slice(0, open).trim()),
    processGroup: Number(fields[2]),
    command: text.slice(open + 1, close),
    ownMs: ms(11, 12),
    reapedChildrenMs: ms(13, 14),
  };
};

/**
 * CPU of one process group (the emulator started by `make up` leads its own group, with its Lambda
 * workers), in total and for its `node` function workers. A worker the emulator killed and reaped
 * (a timeout, a surplus one) leaves its CPU in the emulator's reaped children's time: it counts as a
 * function's, not the emulator's, and stays in the total.
 */
export const groupCpu = (
  stats: readonly ProcStat[],
  processGroup: number,
): { totalMs: number; nodeMs: number } => {
  let totalMs = 0;
  let nodeMs = 0;
  for (const stat of stats) {
    if (stat.processGroup !== processGroup) continue;
    totalMs += stat.ownMs + stat.reapedChildrenMs;
    nodeMs += stat.command === 'node' ? stat.ownMs + stat.reapedChildrenMs : stat.reapedChildrenMs;
  }
  return { totalMs, nodeMs };
};

/** CPU used so far by a process group's live processes (see groupCpu). */
export const processGroupCpu = (processGroup: number): { totalMs: number; nodeMs: number } => {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      stats.push(parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8')));
    } catch {
      // exited meanwhile
    }
  }
  return groupCpu(stats, processGroup);
};
