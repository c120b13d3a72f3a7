/**
 * Where synthesis writes and how it publishes: one generation folder per run, switched into place by one
 * rename, under a lock per output folder.
 *
 *   cdktf.out  -> .cdktf.out.generations/current/cdktf        (symlinks, made once)
 *   out        -> .cdktf.out.generations/current/review
 *   .cdktf.out.generations/current -> gen-7                   (the switch: one rename of a symlink)
 *   .cdktf.out.generations/gen-7/{cdktf,review}/              (the published generation)
 *   .cdktf.out.generations/gen-8/...                          (being written; removed if the run fails)
 *   .cdktf.out.generations/lock                               (pid, host and start of the run holding it)
 *
 * Both folders change in the same instant, so a reader, a kill at any point or a second synth never sees a
 * missing folder, or new Terraform beside old review files. The previous generation is removed only after the
 * switch; one that cannot be removed (a root-owned `.terraform/` from `sudo cdktf diff`) is named, not fatal.
 * A run killed before its switch leaves the previous generation published; the next run removes its remains.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A file-system problem, as one line: the path, the error code, and what to do. */
export class OutputError extends Error {
  constructor(message: string, readonly published: boolean) {
    super(message);
    this.name = "OutputError";
  }
}

const HINTS: Readonly<Record<string, string>> = {
  EACCES: "check its owner and permissions (left by sudo? remove it with sudo rm -rf)",
  EPERM: "check its owner and permissions (left by sudo? remove it with sudo rm -rf)",
  EROFS: "the file system is read-only: point CDKTF_OUTDIR and FX_REVIEW_DIR at a writable folder",
  ENOSPC: "the disk is full: free some space",
  EDQUOT: "the disk quota is exhausted: free some space",
  ENOTDIR: "a file is in the way of a folder on that path: move or remove it",
  EISDIR: "a folder is in the way of a file on that path: move or remove it",
  ENAMETOOLONG: "the path is too long: use a shorter CDKTF_OUTDIR",
  ENOENT: "a folder on that path is missing (removed while synth ran?): check CDKTF_OUTDIR and FX_REVIEW_DIR, then run again",
  EBUSY: "it is in use by another process (a shell or editor in it?): close that, then run again",
  EMFILE: "too many open files: raise the limit (ulimit -n), then run again",
  ENFILE: "too many open files: raise the limit (ulimit -n), then run again",
};

/** Whether `error` is a Node.js file-system error (it has a code and a path). */
export function isFsError(error: unknown): error is NodeJS.ErrnoException & { path: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string" && typeof (error as NodeJS.ErrnoException).path === "string";
}

/** The one-line message of a file-system error: `cannot <what> <path> (<CODE>): <what to do>`. */
export function describeFsError(error: NodeJS.ErrnoException & { path: string }, what: string): string {
  const code = error.code ?? "error";
  return `cannot ${what} ${error.path} (${code}): ${HINTS[code] ?? error.message}`;
}

/**
 * `rm -rf path`, failing with the real cause: for a file it may not unlink (EPERM), Node's recursive removal
 * then tries it as a folder and reports that attempt's ENOTDIR ("a file is in the way"), which would send the
 * user the wrong way; the unlink's own error is reported instead.
 */
function removeTree(target: string): void {
  try {
    fs.rmSync(target, { recursive: true, force: true });
  } catch (error) {
    if (!isFsError(error) || error.code !== "ENOTDIR" || fs.lstatSync(error.path, { throwIfNoEntry: false })?.isDirectory() !== false) throw error;
    fs.unlinkSync(error.path); // throws the unlink's error (EPERM, EACCES); if it succeeds, remove the rest
    fs.rmSync(target, { recursive: true, force: true });
  }
}

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

export interface OutputStoreOptions {
  /** Terraform output folder (`cdktf.out`): a symlink into the store once published. */
  readonly outdir: string;
  /** Review files folder (`out`): a symlink into the store once published. */
  readonly reviewDir: string;
  /** How long to wait for another synth of the same folder to finish. @default 60 */
  readonly lockWaitSeconds?: number;
  /** Called once when another run holds the lock and this one starts waiting. */
  readonly onWait?: (holder: LockHolder, lockFile: string) => void;
  /** Test hook: the process kills itself (SIGKILL) on reaching this step (`FX_TEST_CRASH_AT`). */
  readonly crashAt?: string;
}

const GENERATION = /^gen-(\d+)$/;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return true; // another machine's process: cannot tell, assume it runs
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(fs.readFileSync(file, "utf8")) as LockHolder;
    return typeof holder.pid === "number" ? holder : undefined;
  } catch {
    return undefined; // gone, or being written: look again
  }
}

/** The generation store of one output folder pair, held under its lock from `open` to `close`. */
export class OutputStore {
  /** `.<outdir name>.generations` beside the output folder. */
  readonly root: string;
  readonly lockFile: string;
  private readonly current: string;
  private nextId: string | undefined;
  private locked = false;
  private switched = false;

  constructor(private readonly options: OutputStoreOptions) {
    this.root = path.join(path.dirname(path.resolve(options.outdir)), `.${path.basename(options.outdir)}.generations`);
    this.lockFile = path.join(this.root, "lock");
    this.current = path.join(this.root, "current");
  }

  /** Test hook: dies here when `crashAt` names this step. */
  checkpoint(step: string): void {
    if (this.options.crashAt === step) process.kill(process.pid, "SIGKILL");
  }

  private fs<T>(what: string, action: () => T): T {
    try {
      return action();
    } catch (error) {
      if (isFsError(error)) throw new OutputError(describeFsError(error, what), this.switched);
      throw error;
    }
  }

  /** Takes the lock (waiting for a live holder, taking over from a dead one), then makes the next generation's folders. */
  open(): { outdir: string; reviewDir: string } {
    this.fs("create", () => fs.mkdirSync(this.root, { recursive: true }));
    this.lock();
    this.checkpoint("locked");
    this.removeLeftovers(false);
    const ids = this.generations().map((g) => Number(GENERATION.exec(g)![1]));
    const id = `gen-${Math.max(0, ...ids) + 1}`;
    this.nextId = id;
    const dir = path.join(this.root, id);
    this.fs("create", () => fs.mkdirSync(path.join(dir, "review"), { recursive: true }));
    return { outdir: path.join(dir, "cdktf"), reviewDir: path.join(dir, "review") };
  }

  private lock(): void {
    const temporary = `${this.lockFile}.${process.pid}`;
    const me: LockHolder = { pid: process.pid, host: os.hostname(), started: new Date().toISOString() };
    this.fs("write", () => fs.writeFileSync(temporary, JSON.stringify(me)));
    const deadline = Date.now() + (this.options.lockWaitSeconds ?? 60) * 1000;
    let waited = false;
    try {
      for (;;) {
        try {
          fs.linkSync(temporary, this.lockFile); // atomic: fails while another run holds the lock
          this.locked = true;
          return;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw new OutputError(describeFsError(error as NodeJS.ErrnoException & { path: string }, "lock"), false);
        }
        const holder = readHolder(this.lockFile);
        if (holder !== undefined && !alive(holder)) {
          this.takeOver(holder);
          continue;
        }
        if (holder !== undefined && !waited) {
          waited = true;
          this.options.onWait?.(holder, this.lockFile);
        }
        if (Date.now() > deadline) {
          const who = holder === undefined ? "another run" : `pid ${holder.pid} on ${holder.host} (since ${holder.started})`;
          throw new OutputError(
            `${this.options.outdir} is being synthesized by ${who}; wait for it to finish, or remove ${this.lockFile} if that process is gone`,
            false,
          );
        }
        sleep(100);
      }
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }

  /** Removes the lock of a dead run; if another run took it over meanwhile, gives it back. */
  private takeOver(dead: LockHolder): void {
    const aside = `${this.lockFile}.stale.${process.pid}`;
    try {
      fs.renameSync(this.lockFile, aside);
    } catch {
      return; // someone else removed it first
    }
    const moved = readHolder(aside);
    if (moved !== undefined && (moved.pid !== dead.pid || moved.started !== dead.started)) {
      try {
        fs.linkSync(aside, this.lockFile);
      } catch {
        // the live run's lock is already back or replaced: nothing to restore
      }
    }
    fs.rmSync(aside, { force: true });
  }

  /** The generation folders present, oldest first. */
  private generations(): string[] {
    return this.fs("read", () => fs.readdirSync(this.root))
      .filter((n) => GENERATION.test(n))
      .sort((a, b) => Number(GENERATION.exec(a)![1]) - Number(GENERATION.exec(b)![1]));
  }

  /** The published generation's id, if any. */
  published(): string | undefined {
    try {
      return fs.readlinkSync(this.current);
    } catch {
      return undefined;
    }
  }

  /** The published generation's Terraform folder, if any (to carry state folders over, or list old stacks). */
  publishedOutdir(): string | undefined {
    const id = this.published();
    return id === undefined ? undefined : path.join(this.root, id, "cdktf");
  }

  /**
   * Removes every generation but the published one (and, before a switch, the one being written). Called
   * under the lock, so nothing else writes there. What cannot be removed is reported with what to do.
   */
  private removeLeftovers(report: boolean): string[] {
    const keep = new Set([this.published(), this.switched ? undefined : this.nextId].filter((x) => x !== undefined));
    const warnings: string[] = [];
    for (const name of fs.readdirSync(this.root)) {
      // A legacy folder is the only copy of an older version's output until a switch has happened.
      const stale = (GENERATION.test(name) && !keep.has(name)) || (this.switched && name.startsWith("legacy-")) || name.startsWith("current.");
      if (!stale) continue;
      try {
        removeTree(path.join(this.root, name));
      } catch (error) {
        if (report && isFsError(error)) warnings.push(`${describeFsError(error, "remove the previous output")}; the new output is published`);
      }
    }
    return warnings;
  }

  /**
   * Publishes the generation `open` made: the links `outdir` and `reviewDir` (made once; an older real folder
   * there is moved into the store), then the switch. Returns warnings about old generations left behind.
   */
  publish(): string[] {
    const id = this.nextId!;
    this.checkpoint("publish:start");
    this.link(this.options.outdir, "cdktf");
    this.link(this.options.reviewDir, "review");
    this.checkpoint("publish:linked");
    const next = `${this.current}.${process.pid}`;
    this.fs("write", () => {
      fs.rmSync(next, { force: true });
      fs.symlinkSync(id, next);
    });
    this.checkpoint("publish:before-switch");
    this.fs("publish", () => fs.renameSync(next, this.current)); // the switch
    this.switched = true;
    this.checkpoint("publish:switched");
    const warnings = this.removeLeftovers(true);
    this.checkpoint("publish:cleaned");
    return warnings;
  }

  /** Makes `folder` a link to `current/<sub>` (relative, so the project can move). */
  private link(folder: string, sub: string): void {
    const target = path.relative(path.dirname(path.resolve(folder)), path.join(this.current, sub));
    const existing = fs.lstatSync(folder, { throwIfNoEntry: false });
    if (existing?.isSymbolicLink() && fs.readlinkSync(folder) === target) return;
    this.fs("write", () => fs.mkdirSync(path.dirname(path.resolve(folder)), { recursive: true }));
    if (existing !== undefined && !existing.isSymbolicLink()) {
      // Output of an older version (a real folder): keep it in the store until this run's switch.
      let n = 1;
      while (fs.existsSync(path.join(this.root, `legacy-${n}`))) n++;
      const aside = path.join(this.root, `legacy-${n}`);
      this.fs("move aside", () => fs.renameSync(folder, aside));
      // The one window in which a kill leaves a folder missing: from here to this first run's switch, `folder`
      // is gone or a link to a `current` not yet made (a folder cannot be replaced by a link in one rename).
      // The older output is kept in the store until that switch; the next run publishes a whole generation.
      this.checkpoint("publish:moved-aside");
    }
    const temporary = `${path.resolve(folder)}.${process.pid}.link`;
    this.fs("write", () => {
      fs.rmSync(temporary, { force: true });
      fs.symlinkSync(target, temporary);
      fs.renameSync(temporary, folder); // replaces a wrong link in one step
    });
  }

  /**
   * Removes an unpublished generation and releases the lock. Never throws (it runs after the error being
   * reported, which it must not replace): what it cannot remove, the next run removes or takes over.
   */
  close(): void {
    try {
      if (!this.switched && this.nextId !== undefined) fs.rmSync(path.join(this.root, this.nextId), { recursive: true, force: true });
    } catch {
      // the next run's open() removes every generation that is not published
    }
    if (this.locked) {
      try {
        const holder = readHolder(this.lockFile);
        if (holder?.pid === process.pid) fs.rmSync(this.lockFile, { force: true });
      } catch {
        // a lock left by this (then ended) process is taken over by the next run
      }
      this.locked = false;
    }
  }
}
