import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { HooklineError } from '@hookline/core';
import type { PaperSnapshot } from './paper-snapshot.js';

/** Where the paper exchange keeps its state between runs. */
export interface PaperStateStore {
  /** The last saved state, or undefined on a first run. */
  load(): PaperSnapshot | undefined;
  /** Replaces the saved state. */
  save(snapshot: PaperSnapshot): void;
}

/** Keeps the state in memory as JSON text, so tests can "restart" by opening a new exchange over it. */
export class MemoryPaperStateStore implements PaperStateStore {
  #text: string | undefined;

  load(): PaperSnapshot | undefined {
    return this.#text === undefined ? undefined : (JSON.parse(this.#text) as PaperSnapshot);
  }

  save(snapshot: PaperSnapshot): void {
    this.#text = JSON.stringify(snapshot);
  }

  /** The saved JSON text (what a file would hold). */
  get text(): string | undefined {
    return this.#text;
  }
}

/**
 * Keeps the state in `${dataDir}/paper-exchange.json`. Writes go to a temporary file that is
 * flushed and then renamed over the old one: a crash mid-write leaves the previous state whole.
 * Writes are synchronous so that two saves can never land out of order.
 */
export class FilePaperStateStore implements PaperStateStore {
  /** The state file's path. */
  readonly path: string;

  constructor(dataDir: string, fileName = 'paper-exchange.json') {
    this.path = join(dataDir, fileName);
  }

  load(): PaperSnapshot | undefined {
    if (!existsSync(this.path)) return undefined;
    const text = readFileSync(this.path, 'utf8');
    try {
      return JSON.parse(text) as PaperSnapshot;
    } catch (error) {
      // Refuse rather than start empty: silently losing a paper position would hide the problem.
      throw new HooklineError('INVALID_ARGUMENT', `the paper exchange state ${this.path} is not valid JSON`, {
        context: { path: this.path },
        cause: error,
      });
    }
  }

  save(snapshot: PaperSnapshot): void {
    mkdirSync(join(this.path, '..'), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    const descriptor = openSync(temporary, 'w');
    try {
      writeSync(descriptor, JSON.stringify(snapshot));
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, this.path);
  }
}
