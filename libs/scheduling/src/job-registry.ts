import { Injectable } from '@nestjs/common';
import type { ScheduledJob } from './scheduled-job';

/** Feature modules register their jobs here in `onModuleInit`, like inbound handlers. */
@Injectable()
export class JobRegistry {
  private readonly byName = new Map<string, ScheduledJob>();

  register(job: ScheduledJob): void {
    if (this.byName.has(job.name)) throw new Error(`a job named ${job.name} is already registered`);
    this.byName.set(job.name, job);
  }

  get(name: string): ScheduledJob | undefined {
    return this.byName.get(name);
  }

  jobs(): ScheduledJob[] {
    return [...this.byName.values()];
  }
}
