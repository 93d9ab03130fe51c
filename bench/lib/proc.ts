// Reads what the kernel knows about the server processes under test (Linux /proc): which processes
// belong to a process group, their CPU time and resident memory; and pins processes to CPU cores.

import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";

const TICKS_PER_SECOND = (() => {
  const r = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  const n = Number(r.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

/** One process of a server under test; `role` says what it does (for workerd: runtime or dev proxy). */
export interface ServerProcess {
  pid: number;
  role: string;
}

interface Stat {
  comm: string;
  pgrp: number;
  cpuTicks: number;
}

function readStat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const f = text.slice(close + 2).split(" ");
    // After "pid (comm) ": state=0 ppid=1 pgrp=2 … utime=11 stime=12.
    return { comm, pgrp: Number(f[2]), cpuTicks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

/** The command line of a process, as one string ("" when it is gone). */
export function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
}

/** Processes in a process group whose command name is `comm`. */
export function groupProcesses(pgid: number, comm?: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const st = readStat(Number(name));
    if (st && st.pgrp === pgid && (!comm || st.comm === comm)) out.push(Number(name));
  }
  return out;
}

/** CPU time (user + system, all threads) a process has used so far, in milliseconds. */
export function cpuMs(pid: number): number {
  const st = readStat(pid);
  return st ? (st.cpuTicks * 1000) / TICKS_PER_SECOND : Number.NaN;
}

/** Resident memory of a process in KiB (VmRSS). */
export function rssKb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU milliseconds per role, summed over the processes of each role. */
export function cpuByRole(procs: readonly ServerProcess[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of procs) out[p.role] = (out[p.role] ?? 0) + cpuMs(p.pid);
  return out;
}

/** Resident KiB per role. */
export function rssByRole(procs: readonly ServerProcess[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of procs) out[p.role] = (out[p.role] ?? 0) + rssKb(p.pid);
  return out;
}

/** Difference of two per-role readings. */
export function diff(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(after)) out[k] = (after[k] ?? 0) - (before[k] ?? 0);
  return out;
}

/** True when the machine has a core to spare for the load generator. */
export const canPin = cpus().length >= 2 && spawnSync("taskset", ["-V"]).status === 0;

/**
 * Pins every thread of the given processes to one CPU core (taskset), so the server under test and
 * the load generator do not compete for the same core. No-op where taskset or a second core is missing.
 */
export function pin(pids: readonly number[], core: number): void {
  if (!canPin) return;
  for (const pid of pids) spawnSync("taskset", ["-a", "-p", "-c", String(core), String(pid)], { stdio: "ignore" });
}

/**
 * A fresh folder for a server's local state, on tmpfs (/dev/shm) where there is one: the disk of a
 * shared machine is the noisiest thing on it, and local fsync timing says nothing about production
 * storage (which confirms writes by replication). `BENCH_STATE_ROOT` overrides the place.
 */
export function scratchDir(prefix: string): string {
  const base = process.env.BENCH_STATE_ROOT ?? (existsSync("/dev/shm") && isWritable("/dev/shm") ? "/dev/shm" : tmpdir());
  return mkdtempSync(join(base, prefix));
}

function isWritable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
