/** An aggregate that records what happened to it until the use case hands the events to the outbox. */
export abstract class AggregateRoot<Event> {
  private pending: Event[] = [];

  protected raise(event: Event): void {
    this.pending.push(event);
  }

  /** The events raised since the last call, oldest first; the aggregate forgets them. */
  pullEvents(): Event[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }
}
