import { benchmarkSentinelSweepIo } from './sentinel-sweep-io.js';
const figures = await benchmarkSentinelSweepIo({ stages: [1_000, 10_000], sweeps: 5 });
console.log(JSON.stringify(figures));
