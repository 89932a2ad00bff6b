/**
 * The values a pure function makes from texts, each made once: one synth asks for the same PromQL
 * tree, template verdict, duration or YAML scalar thousands of times, across every environment.
 * Past `limit` distinct texts it starts over, so memory stays bounded for any app size.
 */
export class TextMemo<T> {
  private readonly values = new Map<string, T>();

  constructor(private readonly limit = 20_000) {}

  /**
   * The value for `text`, made by `make(text)` the first time (a `make` that throws is asked again next time).
   * On hot paths pass a named function, not a new closure per call: the YAML emitter's made a tenth of a
   * 10 000-rule synth's garbage.
   */
  get(text: string, make: (text: string) => T): T {
    const value = this.values.get(text);
    if (value !== undefined || this.values.has(text)) return value as T;
    const made = make(text);
    if (this.values.size >= this.limit) this.values.clear();
    this.values.set(text, made);
    return made;
  }

  /** Whether a value for `text` was made (and is still remembered). */
  has(text: string): boolean {
    return this.values.has(text);
  }
}
