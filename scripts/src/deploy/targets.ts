import { run } from '../lib/proc'
import { LocalReleases } from './releases'

/**
 * Where a checked release goes live. Every target makes the switch atomic for readers; the
 * build itself always happens locally into a release folder first.
 */
export interface DeployTarget {
  /** Human-readable, for logs and the admin ("local data/site", "rsync web1:/srv/lotse"). */
  readonly description: string
  /** Makes the local, checked release `dir` (named `name`) the live site. */
  publish(name: string, dir: string): Promise<void>
  /** Brings what was written into the live release `dir` after its switch (its compressed copies) to the live site. */
  update(name: string, dir: string): Promise<void>
}

/** The default: the local deploy directory `npm start` serves (symlink swap). */
export class LocalTarget implements DeployTarget {
  constructor(readonly releases: LocalReleases) {}
  get description(): string {
    return `local ${this.releases.liveLink}`
  }
  async publish(name: string): Promise<void> {
    this.releases.activate(name)
  }
  /** The local release is the live site: what was written into it is live. */
  async update(): Promise<void> {}
}

/**
 * A web server reached over SSH (`DEPLOY_RSYNC=user@host:/srv/lotse`): the release is copied to
 * `<path>/releases/<name>/` with rsync (unchanged files hard-linked to the previous release, so
 * only what changed travels), then `<path>/current` is swapped by `ln -s` + `mv -T`, which is
 * atomic on the server as it is here. The web server serves `<path>/current`.
 */
export class RsyncTarget implements DeployTarget {
  readonly host: string
  readonly remotePath: string
  constructor(spec: string) {
    const match = /^([^:]+):(\/.+)$/.exec(spec)
    if (!match) throw new Error(`DEPLOY_RSYNC must look like user@host:/absolute/path, got "${spec}".`)
    this.host = match[1]!
    this.remotePath = match[2]!.replace(/\/$/, '')
  }
  get description(): string {
    return `rsync ${this.host}:${this.remotePath}`
  }
  async publish(name: string, dir: string): Promise<void> {
    const releases = `${this.remotePath}/releases`
    const target = `${releases}/${name}`
    await run('ssh', [this.host, `mkdir -p ${releases}`])
    await run('rsync', ['-a', '--delete', `--link-dest=${this.remotePath}/current/`, `${dir}/`, `${this.host}:${target}/`])
    await run('ssh', [this.host, `ln -sfn releases/${name} ${this.remotePath}/.current-new && mv -T ${this.remotePath}/.current-new ${this.remotePath}/current`])
  }
  /** Sends the new files only; rsync writes each under a temporary name and renames it, so the server never sends half a file. */
  async update(name: string, dir: string): Promise<void> {
    await run('rsync', ['-a', `${dir}/`, `${this.host}:${this.remotePath}/releases/${name}/`])
  }
}

/** The target from the environment: `DEPLOY_RSYNC` for a remote server, else the local directory. */
export function targetFromEnv(releases: LocalReleases): DeployTarget {
  const rsync = process.env.DEPLOY_RSYNC
  return rsync ? new RsyncTarget(rsync) : new LocalTarget(releases)
}
