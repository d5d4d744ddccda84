/**
 * Who runs next on the query workers. Each client (an IP address) has its own line; lines are served in turn, and a
 * client never holds every worker of a pool of two or more, so one client's heavy queries leave a worker to the
 * others. A worker being replaced after a client's query was stopped still counts as that client's until it is
 * ready again: otherwise the client would take the last ready worker while its stopped one reloads.
 */
export class FairQueue<Job extends { client: string }> {
  private readonly lines = new Map<string, Job[]>();
  private readonly held = new Map<string, number>();
  private waiting = 0;

  constructor(private readonly workers: number) {}

  get size(): number {
    return this.waiting;
  }

  /** Queries of this client waiting or running. */
  inFlight(client: string): number {
    return (this.lines.get(client)?.length ?? 0) + (this.held.get(client) ?? 0);
  }

  push(job: Job): void {
    const line = this.lines.get(job.client);
    if (line) line.push(job);
    else this.lines.set(job.client, [job]);
    this.waiting++;
  }

  remove(job: Job): boolean {
    const line = this.lines.get(job.client);
    const index = line?.indexOf(job) ?? -1;
    if (!line || index < 0) return false;
    line.splice(index, 1);
    if (line.length === 0) this.lines.delete(job.client);
    this.waiting--;
    return true;
  }

  /** The next job that may take a free worker, taken off its line and counted as held; undefined when none may. */
  take(): Job | undefined {
    const share = Math.max(1, this.workers - 1);
    for (const [client, line] of this.lines) {
      if ((this.held.get(client) ?? 0) >= share) continue;
      const job = line.shift()!;
      this.lines.delete(client);
      // Back of the turn order: Map iteration follows insertion.
      if (line.length > 0) this.lines.set(client, line);
      this.waiting--;
      this.hold(client);
      return job;
    }
    return undefined;
  }

  hold(client: string): void {
    this.held.set(client, (this.held.get(client) ?? 0) + 1);
  }

  release(client: string): void {
    const count = (this.held.get(client) ?? 0) - 1;
    if (count > 0) this.held.set(client, count);
    else this.held.delete(client);
  }

  drain(): Job[] {
    const jobs = [...this.lines.values()].flat();
    this.lines.clear();
    this.waiting = 0;
    return jobs;
  }
}
