// How big and how long each benchmark runs: the full profile (`npm run bench`, under 10 minutes on a
// 2-core machine) and the quick one (`npm run bench -- --quick`, a smoke run of every path).

export interface Profile {
  name: "full" | "quick";
  /** Repetitions of each latency run; figures are the median of the repetitions. */
  repeats: number;
  /** Length of one fixed-rate run. */
  runMs: number;
  /** Rate for the single-conversation run (messages per second, both directions). */
  oneRate: number;
  conversations: number;
  /** Rate for the many-conversation run. */
  manyRate: number;
  /** Saturation ramp: first rate, step length, and the highest rate tried. */
  rampStart: number;
  rampStepMs: number;
  rampMax: number;
  idleConnections: number;
  consoles: number;
  queued: number;
  fanoutMessages: number;
  /** Fan-out burst: visitor messages per second, and for how long. */
  fanoutBurstRate: number;
  fanoutBurstMs: number;
  /** The whole run is stopped (servers included) if it takes longer than this. */
  deadlineMs: number;
}

export const FULL: Profile = {
  name: "full",
  repeats: 3,
  runMs: 6_000,
  oneRate: 50,
  conversations: 200,
  manyRate: 1_000,
  rampStart: 250,
  rampStepMs: 3_000,
  rampMax: 32_000,
  idleConnections: 2_000,
  consoles: 50,
  queued: 500,
  fanoutMessages: 100,
  fanoutBurstRate: 200,
  fanoutBurstMs: 5_000,
  deadlineMs: 14 * 60_000,
};

export const QUICK: Profile = {
  name: "quick",
  repeats: 1,
  runMs: 2_000,
  oneRate: 50,
  conversations: 200,
  manyRate: 1_000,
  rampStart: 250,
  rampStepMs: 1_500,
  rampMax: 4_000,
  idleConnections: 300,
  consoles: 50,
  queued: 100,
  fanoutMessages: 30,
  fanoutBurstRate: 200,
  fanoutBurstMs: 1_500,
  deadlineMs: 5 * 60_000,
};
