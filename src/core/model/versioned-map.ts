// A Map whose copies cost O(1): rules ask for the schema before every statement of a long
// migration, and copying a 400-table Map per statement made re-linting quadratic. A writable map
// keeps, per key, the values it has held by version; a copy is a read-only view of one version,
// or a new writable map layered on such a view. Iteration follows first-insertion order.

const DELETED = Symbol('deleted');
type Slot<V> = { version: number; value: V | typeof DELETED };

class Timeline<K, V> {
  version = 0;
  readonly history = new Map<K, Slot<V>[]>();
}

export class VersionedMap<K, V> extends Map<K, V> {
  private constructor(
    private readonly timeline: Timeline<K, V>,
    /** The version this map reads; Infinity for the writable head. */
    private readonly at: number,
    /** What keys without history of their own resolve to. */
    private readonly base: ReadonlyMap<K, V> | undefined,
  ) {
    super();
  }

  /** A new writable map, empty or layered on (a read-only view of) `base`. */
  static over<K, V>(base?: ReadonlyMap<K, V>): VersionedMap<K, V> {
    return new VersionedMap<K, V>(new Timeline<K, V>(), Infinity, base);
  }

  /** A read-only view of this map as it is now; later writes to this map do not show in it. */
  snapshot(): VersionedMap<K, V> {
    if (this.at !== Infinity) return this;
    const view = new VersionedMap(this.timeline, this.timeline.version, this.base);
    this.timeline.version++;
    return view;
  }

  /** A copy that can be written: a new layer over a snapshot of this map. */
  copy(): VersionedMap<K, V> {
    return VersionedMap.over(this.snapshot());
  }

  private slot(key: K): Slot<V> | undefined {
    const slots = this.timeline.history.get(key);
    if (!slots) return undefined;
    for (let i = slots.length - 1; i >= 0; i--) if (slots[i].version <= this.at) return slots[i];
    return undefined;
  }

  override get(key: K): V | undefined {
    const s = this.slot(key);
    if (s) return s.value === DELETED ? undefined : s.value;
    return this.base?.get(key);
  }

  override has(key: K): boolean {
    const s = this.slot(key);
    if (s) return s.value !== DELETED;
    return this.base?.has(key) ?? false;
  }

  override set(key: K, value: V): this {
    this.write(key, value);
    return this;
  }

  override delete(key: K): boolean {
    if (!this.has(key)) return false;
    this.write(key, DELETED);
    return true;
  }

  override clear(): void {
    for (const key of [...this.keys()]) this.delete(key);
  }

  private write(key: K, value: V | typeof DELETED): void {
    if (this.at !== Infinity) throw new Error('internal: a schema snapshot is read-only; copy it (cloneSchema) to change it');
    const slots = this.timeline.history.get(key);
    const version = this.timeline.version;
    if (!slots) this.timeline.history.set(key, [{ version, value }]);
    else if (slots[slots.length - 1].version === version) slots[slots.length - 1].value = value;
    else slots.push({ version, value });
  }

  override get size(): number {
    let n = 0;
    for (const _ of this.keys()) n++;
    return n;
  }

  override *entries(): MapIterator<[K, V]> {
    if (this.base) {
      for (const [k, v] of this.base) {
        const s = this.slot(k);
        if (!s) yield [k, v];
        else if (s.value !== DELETED) yield [k, s.value];
      }
    }
    for (const k of this.timeline.history.keys()) {
      if (this.base?.has(k)) continue;
      const s = this.slot(k);
      if (s && s.value !== DELETED) yield [k, s.value];
    }
  }

  override *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k;
  }

  override *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
}
