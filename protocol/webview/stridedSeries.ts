// A chart series that stays small however long a run gets: every stride-th point is kept, and the
// stride doubles whenever more than `max` points are shown, so appending is amortised O(1) and a
// redraw costs O(max), not O(steps). The latest point is always shown exactly (the view's header
// and the line's end agree with the last metrics line), whether or not it falls on the stride.

export class StridedSeries<P> {
  /** The points to draw, in order; changed in place as points are added. */
  readonly points: P[] = [];
  /** For each shown point, its ordinal among every point added. */
  private readonly ordinals: number[] = [];
  private added = 0;
  private stride = 1;

  constructor(private readonly max: number) {
    if (!(max >= 2)) throw new Error(`StridedSeries: max must be >= 2, got ${max}`);
  }

  /** Points added so far (shown or not). */
  get count(): number {
    return this.added;
  }

  add(p: P): void {
    const n = this.points.length;
    // The previous latest point stays only if it is on the stride.
    if (n > 0 && this.ordinals[n - 1] % this.stride !== 0) {
      this.points.pop();
      this.ordinals.pop();
    }
    this.points.push(p);
    this.ordinals.push(this.added++);
    if (this.points.length > this.max) this.thin();
  }

  clear(): void {
    this.points.length = 0;
    this.ordinals.length = 0;
    this.added = 0;
    this.stride = 1;
  }

  private thin(): void {
    while (this.points.length > this.max) {
      this.stride *= 2;
      const n = this.points.length;
      let w = 0;
      for (let r = 0; r < n; r++) {
        if (this.ordinals[r] % this.stride !== 0 && r !== n - 1) continue;
        this.points[w] = this.points[r];
        this.ordinals[w] = this.ordinals[r];
        w++;
      }
      this.points.length = w;
      this.ordinals.length = w;
    }
  }
}
