/**
 * Every queue and exchange name derives from one namespace (`bin-manager` by default),
 * so that test suites and tenants can share a broker without meeting.
 */
export class MeshNames {
  constructor(readonly namespace: string) {}

  requestQueue(service: string): string {
    return `${this.namespace}.${service}.request`;
  }
  eventExchange(service: string): string {
    return `${this.namespace}.${service}.event`;
  }
  subscribeQueue(service: string): string {
    return `${this.namespace}.${service}.subscribe`;
  }
  /** Where events that failed every retry are parked for an operator to look at. */
  deadLetterQueue(service: string): string {
    return `${this.namespace}.${service}.subscribe.dead`;
  }
  get delayExchange(): string {
    return `${this.namespace}.delay`;
  }
}
