/**
 * A small typed event, without `vscode`: the shape of VS Code's own (`event(listener)` returns
 * something to dispose), so an adapter can hand it to `context.subscriptions` as it is.
 */
interface Subscription {
  dispose(): void;
}

export type Event<T> = (listener: (value: T) => void) => Subscription;

export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** `onError` hears a listener that threw (as with VS Code's emitter, the others still run). */
  constructor(private readonly onError: (e: unknown) => void) {}

  readonly event: Event<T> = (listener) => {
    // A listener added twice is two subscriptions, each disposed on its own.
    const own = (value: T): void => listener(value);
    this.listeners.add(own);
    return { dispose: () => this.listeners.delete(own) };
  };

  /** Calls every listener, in the order they subscribed; one that throws does not stop the rest. */
  fire(value: T): void {
    for (const l of [...this.listeners]) {
      try {
        l(value);
      } catch (e) {
        this.onError(e);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
