import { Injectable } from '@nestjs/common';

/** The only source of "now": tests replace it with a fixed or settable clock. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock tests set by hand. */
export class SettableClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  override now(): Date {
    return new Date(this.current.getTime());
  }

  set(to: Date | string): void {
    this.current = new Date(to);
  }
}
