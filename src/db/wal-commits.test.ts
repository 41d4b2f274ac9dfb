import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { nextFrameOffset, WAL_INDEX_HEADER_BYTES, walSettled } from './wal-commits.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A real SQLite file in WAL mode after a few commits, left open (its -wal and -shm stay). */
function walFile() {
  const dir = mkdtempSync(path.join(tmpdir(), 'portier-wal-'));
  dirs.push(dir);
  const file = path.join(dir, 'db.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('create table t (v text)');
  for (let i = 0; i < 3; i++) db.prepare('insert into t (v) values (?)').run(`row ${i}`);
  return { db, file };
}

/** The three pieces the counter reads, from the files as they are now. */
function pieces(file: string) {
  const shm = readFileSync(`${file}-shm`).subarray(0, 2 * WAL_INDEX_HEADER_BYTES);
  const wal = readFileSync(`${file}-wal`);
  const at = nextFrameOffset(shm);
  return { shm, walHeader: wal.subarray(0, 32), nextFrame: wal.subarray(at, at + 24), wal, at };
}

describe('walSettled on the files of a real SQLite database', () => {
  it('after commits, every frame is published', () => {
    const { db, file } = walFile();
    const { shm, walHeader, nextFrame, wal, at } = pieces(file);
    expect(at).toBe(wal.length);
    expect(nextFrame).toHaveLength(0);
    expect(walSettled(shm, walHeader, nextFrame)).toBe(true);
    db.close();
  });

  it('a frame written after the last published one means a commit on its way', () => {
    const { db, file } = walFile();
    const { shm, walHeader, wal } = pieces(file);
    // The last frame's header again, after the last published frame: what a writer appends first.
    const pageSize = wal.readUInt32BE(8);
    const lastFrame = wal.subarray(wal.length - (24 + pageSize), wal.length - pageSize);
    expect(walSettled(shm, walHeader, lastFrame)).toBe(false);
    // A leftover frame from an earlier pass over the log carries other salts: nothing waits.
    const leftover = Buffer.from(lastFrame);
    leftover.writeUInt32BE((leftover.readUInt32BE(8) + 1) >>> 0, 8);
    expect(walSettled(shm, walHeader, leftover)).toBe(true);
    db.close();
  });

  it('a log restarted by a writer (new salts in the -wal header) is not published yet', () => {
    const { db, file } = walFile();
    const { shm, walHeader } = pieces(file);
    const restarted = Buffer.from(walHeader);
    restarted.writeUInt32BE((restarted.readUInt32BE(16) + 1) >>> 0, 16);
    expect(walSettled(shm, restarted, Buffer.alloc(0))).toBe(false);
    expect(walSettled(shm, Buffer.alloc(0), Buffer.alloc(0))).toBe(true);
    db.close();
  });

  it('an index header caught half-way through an update (two different copies) is not trusted', () => {
    const { db, file } = walFile();
    const { shm, walHeader, nextFrame } = pieces(file);
    const torn = Buffer.from(shm);
    torn[WAL_INDEX_HEADER_BYTES + 16] = (torn[WAL_INDEX_HEADER_BYTES + 16] ?? 0) ^ 1;
    expect(walSettled(torn, walHeader, nextFrame)).toBe(false);
    const uninitialised = Buffer.from(shm);
    uninitialised[12] = 0;
    uninitialised[WAL_INDEX_HEADER_BYTES + 12] = 0;
    expect(walSettled(uninitialised, walHeader, nextFrame)).toBe(false);
    expect(walSettled(shm.subarray(0, 50), walHeader, nextFrame)).toBe(false);
    db.close();
  });

  it('finds the next frame where SQLite writes it, for any page size', () => {
    const { db, file } = walFile();
    const { shm, wal, at } = pieces(file);
    const pageSize = wal.readUInt32BE(8);
    const frames = (wal.length - 32) / (24 + pageSize);
    expect(Number.isInteger(frames) && frames > 0).toBe(true);
    expect(at).toBe(32 + frames * (24 + pageSize));
    const header = Buffer.from(shm);
    header.writeUInt16LE(1, 14); // 65536-byte pages are stored as 1
    header.writeUInt32LE(2, 16);
    expect(nextFrameOffset(header)).toBe(32 + 2 * (24 + 65_536));
    db.close();
  });
});
