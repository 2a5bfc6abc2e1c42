/** The hub's notion of "now": verdict ages depend on it, so it is injected (HUB_NOW fixes it). */
export abstract class Clock {
  abstract now(): Date;
  nowIso(): string {
    return this.now().toISOString();
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export class FixedClock extends Clock {
  private readonly instant: Date;
  constructor(iso: string) {
    super();
    this.instant = new Date(iso);
  }
  now(): Date {
    return new Date(this.instant);
  }
}

export function clockFor(hubNow: string | undefined): Clock {
  return hubNow ? new FixedClock(hubNow) : new SystemClock();
}
