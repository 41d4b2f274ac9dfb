/**
 * Counts commits by any connection to a SQLite file, this process's or another's (such as the
 * operator CLI or a second node), for the read cache (read-cache.ts): an answer read under one count
 * is reused only while the count stays the same.
 *
 * In WAL mode a commit happens in two steps: the writer appends its pages ("frames") to the `-wal`
 * file, then publishes the commit in the WAL-index header at the start of the `-shm` file. Readers
 * see the commit only from the second step on.
 *
 * - Usually the count comes from the kernel: a watch on the `-wal` file (inotify on Linux) hears of
 *   each append. The notice is queued before the commit is published, so before any request sent
 *   after the commit reaches the server, and the event loop takes I/O in the order it arrived.
 *   (Code that writes through another connection and reads back without going through the event
 *   loop, only possible inside one process, must wait one turn of the loop: tests do.)
 * - A notice may come while the commit is not yet published (another process between its two
 *   steps, which with `synchronous=FULL` includes an fsync). A read then still sees the old rows; kept
 *   under the new count, they would be served until some later commit. So after each notice the
 *   count is not trusted on its own: each read looks at the files themselves (below) and counts one
 *   more commit every time, so nothing read meanwhile is kept, until every frame written is
 *   published. Then the watch alone is trusted again. This process's own commits are published when
 *   their notice is handled: they cost three small reads, once.
 * - The files tell whether frames are waiting to be published: the WAL-index header (both copies,
 *   which a writer updates one after the other) gives the frames published (`mxFrame`), the page
 *   size and the WAL's salts; the `-wal` file's own header carries the salts of the frames being
 *   written (new ones when a writer restarts the log from the start), and the frame after the last
 *   published one, if it carries those salts, was written by a commit not yet published.
 * - Without a watch, each read compares the WAL-index header with the last one seen: one `pread`.
 *   A header caught while a writer copies it differs from the last one seen, so it can only count a
 *   commit too many.
 * - Without a `-shm` file (another journal mode), `pragma data_version`.
 */
import { closeSync, type FSWatcher, openSync, readSync, watch } from 'node:fs';
import { endianness } from 'node:os';
import type SQLite from 'better-sqlite3';

/** One copy of the WAL-index header (https://www.sqlite.org/walformat.html#the_wal_index_file_format). */
export const WAL_INDEX_HEADER_BYTES = 48;
const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const LITTLE_ENDIAN = endianness() === 'LE';

/**
 * Whether every frame in the `-wal` file is published, from the start of the `-shm` file (both
 * header copies, 96 bytes), the `-wal` file's header (32 bytes) and the frame header after the last
 * published frame (24 bytes; fewer when the file ends before it). `false` means a commit may be on
 * its way: what a read sees now may be overtaken without another notice.
 */
export function walSettled(shm: Buffer, walHeader: Buffer, nextFrame: Buffer): boolean {
  if (shm.length < 2 * WAL_INDEX_HEADER_BYTES) return false;
  const first = shm.subarray(0, WAL_INDEX_HEADER_BYTES);
  // The writer updates the second copy, then the first: two different copies are an update caught
  // half-way. An uninitialised index (isInit 0) says nothing either.
  if (!first.equals(shm.subarray(WAL_INDEX_HEADER_BYTES, 2 * WAL_INDEX_HEADER_BYTES)) || first[12] === 0) {
    return false;
  }
  // Salts are kept as the bytes they are in the -wal file (offset 32 of the index header, 16 of the
  // -wal header, 8 of a frame header).
  const salts = first.subarray(32, 40);
  // No -wal header yet (an empty log) means nothing waits. One with other salts is a writer
  // restarting the log: its frames are not published yet.
  if (walHeader.length >= WAL_HEADER_BYTES && !walHeader.subarray(16, 24).equals(salts)) return false;
  return !(nextFrame.length >= FRAME_HEADER_BYTES && nextFrame.subarray(8, 16).equals(salts));
}

/** Where the frame after the last published one starts in the `-wal` file, from the index header. */
export function nextFrameOffset(indexHeader: Buffer): number {
  const rawPageSize = indexHeader.readUInt16LE(14);
  const pageSize = LITTLE_ENDIAN ? rawPageSize : indexHeader.readUInt16BE(14);
  const mxFrame = LITTLE_ENDIAN ? indexHeader.readUInt32LE(16) : indexHeader.readUInt32BE(16);
  // 65536-byte pages are written as 1 (the field has 16 bits).
  const size = pageSize === 1 ? 65_536 : pageSize;
  return WAL_HEADER_BYTES + mxFrame * (FRAME_HEADER_BYTES + size);
}

function openOrNull(name: string): number | null {
  try {
    return openSync(name, 'r');
  } catch {
    return null;
  }
}

export interface CommitCounter {
  read(): number;
  close(): void;
}

export function commitCounter(database: SQLite.Database, file: string): CommitCounter {
  const dataVersion = database.prepare('pragma data_version').pluck();
  // The pragma opens the WAL: the -wal and -shm files exist from here on while this connection is open.
  dataVersion.get();
  const wal = database.pragma('journal_mode', { simple: true }) === 'wal';
  let commits = 0;
  let watcher: FSWatcher | null = null;
  let armed = false;
  /** A notice came and the files have not yet shown every frame published since. */
  let unsettled = true;
  let shmFd: number | null = null;
  let walFd: number | null = null;
  if (wal) {
    shmFd = openOrNull(`${file}-shm`);
    walFd = openOrNull(`${file}-wal`);
    try {
      if (walFd === null) throw new Error('no -wal file to watch');
      watcher = watch(`${file}-wal`, { persistent: false }, () => {
        commits++;
        unsettled = true;
      });
      watcher.on('error', () => {
        // The watch is gone (the file was replaced): from now on the header is read every time.
        commits++;
        watcher?.close();
        watcher = null;
      });
      // The loop starts listening to the watch at its next turn, and hands over what was written before
      // that at the turn after: until then the header is read every time.
      setImmediate(() =>
        setImmediate(() => {
          armed = true;
        }),
      );
    } catch {
      watcher = null;
    }
  }
  const seen = Buffer.alloc(WAL_INDEX_HEADER_BYTES);
  const shm = Buffer.alloc(2 * WAL_INDEX_HEADER_BYTES);
  const walHeader = Buffer.alloc(WAL_HEADER_BYTES);
  const nextFrame = Buffer.alloc(FRAME_HEADER_BYTES);

  /** The index header as now, counted as a commit when it differs from the last one seen. */
  function readIndexHeader(fd: number, bytes: number): number {
    const got = readSync(fd, shm, 0, bytes, 0);
    // A short read (never seen) counts as a commit: the cache is emptied, never trusted.
    const header = shm.subarray(0, WAL_INDEX_HEADER_BYTES);
    if (got < WAL_INDEX_HEADER_BYTES || !header.equals(seen)) {
      header.copy(seen);
      commits++;
    }
    return got;
  }

  return {
    read(): number {
      if (shmFd === null) return dataVersion.get() as number;
      if (!(watcher && armed)) {
        readIndexHeader(shmFd, WAL_INDEX_HEADER_BYTES);
        return commits;
      }
      if (!unsettled) return commits;
      const got = readIndexHeader(shmFd, 2 * WAL_INDEX_HEADER_BYTES);
      const walGot = walFd === null ? 0 : readSync(walFd, walHeader, 0, WAL_HEADER_BYTES, 0);
      const frameGot =
        walFd === null || got < 2 * WAL_INDEX_HEADER_BYTES
          ? 0
          : readSync(walFd, nextFrame, 0, FRAME_HEADER_BYTES, nextFrameOffset(shm));
      if (walSettled(shm.subarray(0, got), walHeader.subarray(0, walGot), nextFrame.subarray(0, frameGot))) {
        unsettled = false;
      } else {
        // Not trusted: whatever is read now may be overtaken by the commit on its way.
        commits++;
      }
      return commits;
    },
    close() {
      watcher?.close();
      watcher = null;
      if (shmFd !== null) closeSync(shmFd);
      if (walFd !== null) closeSync(walFd);
      shmFd = null;
      walFd = null;
    },
  };
}
