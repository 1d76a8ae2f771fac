import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { runsElsewhere } from '../lib/proc'

/** A file in every release that went live; a folder without it is an interrupted build. */
const MARKER = '.lotse-release.json'

/**
 * Beside each release being built, until it goes live or is discarded: `.building-<name>`,
 * holding the process id of its builder. Outside the release, so that it is never served nor
 * sent to a server.
 */
const BUILDING = '.building-'

/** The release a folder belongs to: itself, or the release whose working folder it is (`<name>.build`). */
const releaseOf = (folder: string) => folder.split('.')[0]!

/**
 * Releases of the static site on the local disk: each build goes into its own directory under
 * `<deployDir>.releases/`, and `<deployDir>` is a symlink to the live one. Switching is one
 * `rename()` of a fresh symlink over the old one, which the operating system does atomically:
 * a reader (the web server) sees either the old or the new site, never a half-written one.
 */
export class LocalReleases {
  readonly releasesDir: string

  constructor(
    /** The path the web server serves (`DEPLOY_DIR`, default `data/site`). */
    readonly liveLink: string,
    /** How many releases to keep for rollback. */
    readonly keep = 5,
  ) {
    this.releasesDir = `${liveLink}.releases`
  }

  /**
   * A new, empty release directory, named so that names sort by time, marked as built by this
   * process until it goes live (`activate`) or is deleted (`discard`). Its builder may keep
   * working folders beside it named `<name>.<anything>` (no name has a dot of its own).
   */
  create(): { name: string; dir: string } {
    mkdirSync(this.releasesDir, { recursive: true })
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    let name = stamp
    for (let n = 2; existsSync(path.join(this.releasesDir, name)); n++) name = `${stamp}-${n}`
    const dir = path.join(this.releasesDir, name)
    mkdirSync(dir)
    writeFileSync(path.join(this.releasesDir, `${BUILDING}${name}`), String(process.pid))
    return { name, dir }
  }

  /** Names of complete releases (each went live once), oldest first. */
  list(): string[] {
    return this.all().filter((n) => existsSync(path.join(this.releasesDir, n, MARKER)))
  }

  private all(): string[] {
    if (!existsSync(this.releasesDir)) return []
    return readdirSync(this.releasesDir)
      .filter((n) => !n.startsWith('.'))
      .sort()
  }

  /**
   * Deletes releases a build began but never finished (the worker was killed mid-build), so
   * they can never be rolled back to, with their working folders. Returns their names. A
   * release another running process is building now is left alone: `npm run deploy` by hand
   * beside the CMS's publisher, each deleting leftovers after its own switch, must not delete
   * the other's release halfway through its build.
   */
  discardIncomplete(): string[] {
    const live = this.live()
    const removed = this.all().filter((n) => n !== live && !existsSync(path.join(this.releasesDir, n, MARKER)) && !this.builtElsewhere(releaseOf(n)))
    for (const name of removed) rmSync(path.join(this.releasesDir, name), { recursive: true, force: true })
    // Marks whose release is gone, or whose builder ended (its release, if any, went above).
    for (const mark of existsSync(this.releasesDir) ? readdirSync(this.releasesDir).filter((n) => n.startsWith(BUILDING)) : []) {
      const name = mark.slice(BUILDING.length)
      if (!existsSync(path.join(this.releasesDir, name)) || !this.builtElsewhere(name)) rmSync(path.join(this.releasesDir, mark), { force: true })
    }
    return removed
  }

  /** Whether another process that is still running marked the release as its build. */
  private builtElsewhere(name: string): boolean {
    let pid: number
    try {
      pid = Number(readFileSync(path.join(this.releasesDir, `${BUILDING}${name}`), 'utf8'))
    } catch {
      return false
    }
    return runsElsewhere(pid)
  }

  /** The name of the live release, or null when nothing was deployed yet. */
  live(): string | null {
    try {
      if (!lstatSync(this.liveLink).isSymbolicLink()) return null
      return path.basename(readlinkSync(this.liveLink))
    } catch {
      return null
    }
  }

  /** Makes a release live atomically (symlink, then rename over the live link). */
  activate(name: string): void {
    const target = path.join(this.releasesDir, name)
    if (!existsSync(target)) throw new Error(`Release ${name} does not exist in ${this.releasesDir}.`)
    if (existsSync(this.liveLink) && !lstatSync(this.liveLink).isSymbolicLink()) {
      throw new Error(`${this.liveLink} is a real directory, not a link to a release; move it away once, then deploy again.`)
    }
    // Marked complete before it goes live: only complete releases are listed and rolled back to.
    writeFileSync(path.join(target, MARKER), JSON.stringify({ activatedAt: new Date().toISOString() }))
    rmSync(path.join(this.releasesDir, `${BUILDING}${name}`), { force: true })
    const tmp = `${this.liveLink}.switch-${process.pid}`
    rmSync(tmp, { force: true })
    // Relative target: the deploy folder can be moved or mounted elsewhere as a whole.
    symlinkSync(path.relative(path.dirname(this.liveLink), target), tmp)
    renameSync(tmp, this.liveLink)
  }

  /** Deletes a release that never went live (a failed build or check). */
  discard(name: string): void {
    if (name === this.live()) return
    rmSync(path.join(this.releasesDir, name), { recursive: true, force: true })
    rmSync(path.join(this.releasesDir, `${BUILDING}${name}`), { force: true })
  }

  /** Keeps the newest `keep` releases and always the live one. */
  prune(): string[] {
    const live = this.live()
    const all = this.list()
    const removed = all.slice(0, Math.max(0, all.length - this.keep)).filter((n) => n !== live)
    for (const name of removed) rmSync(path.join(this.releasesDir, name), { recursive: true, force: true })
    return removed
  }

  /** Switches back to the release before the live one; returns its name. */
  rollback(): string {
    const all = this.list()
    const live = this.live()
    const index = live ? all.indexOf(live) : -1
    const previous = index > 0 ? all[index - 1] : undefined
    if (!previous) throw new Error(`There is no release before ${live ?? '(none)'} to roll back to.`)
    this.activate(previous)
    return previous
  }
}
