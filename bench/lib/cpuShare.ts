import { readdirSync, readFileSync } from 'node:fs';

// Where the machine's cores went during a benchmark run: the server, PostgreSQL, the load
// generator (this process), and what stayed idle. Read from /proc (Linux); elsewhere nothing.

/** Clock ticks per second of /proc times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

type Snapshot = {
  at: number;
  idleTicks: number;
  serverTicks: number;
  postgresTicks: number;
  selfMicros: number;
};

/** utime + stime of a process, in ticks (fields 14 and 15, counted after the command name). */
function processTicks(pid: string): { comm: string; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { comm, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // the process ended meanwhile
  }
}

export function cpuSnapshot(serverPid: number | undefined): Snapshot | undefined {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.split(/\s+/).slice(1).map(Number) ?? [];
    let postgresTicks = 0;
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      const other = processTicks(pid);
      if (other?.comm === 'postgres') postgresTicks += other.ticks;
    }
    return {
      at: performance.now(),
      idleTicks: (cpu[3] ?? 0) + (cpu[4] ?? 0), // idle + iowait
      serverTicks: serverPid ? (processTicks(String(serverPid))?.ticks ?? 0) : 0,
      postgresTicks,
      selfMicros: process.cpuUsage().user + process.cpuUsage().system,
    };
  } catch {
    return undefined;
  }
}

/** Cores each part used on average between two snapshots, as "server / PostgreSQL / load / idle". */
export function cpuShares(before: Snapshot | undefined, after: Snapshot | undefined): string {
  if (!before || !after) return 'n/a (no /proc)';
  const seconds = (after.at - before.at) / 1000;
  const cores = (ticks: number) => (ticks / TICKS_PER_SECOND / seconds).toFixed(2);
  const load = ((after.selfMicros - before.selfMicros) / 1e6 / seconds).toFixed(2);
  return [
    cores(after.serverTicks - before.serverTicks),
    cores(after.postgresTicks - before.postgresTicks),
    load,
    cores(after.idleTicks - before.idleTicks),
  ].join(' / ');
}
