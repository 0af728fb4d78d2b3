/** The operations' ack deadline clock (src/runtime/deadlines.ts), under fake timers. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DeadlineQueue } from "../../src/runtime/deadlines.js";

describe("deadline queue", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 100_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("each deadline comes due at its own time, in order, with one timer", () => {
    const due: Array<[string, number]> = [];
    const queue = new DeadlineQueue<string>(1000, (item) => due.push([item, Date.now()]));
    queue.add("a");
    vi.advanceTimersByTime(300);
    queue.add("b");
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(700);
    expect(due).toEqual([["a", 101_000]]);
    vi.advanceTimersByTime(299);
    expect(due).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(due).toEqual([
      ["a", 101_000],
      ["b", 101_300],
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("passes the deadline that add returned", () => {
    const seen: number[] = [];
    const queue = new DeadlineQueue<string>(1000, (_, at) => seen.push(at));
    const at = queue.add("a");
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([at]);
  });

  it("a deadline set while others come due (a retry) gets its own full timeout", () => {
    const due: Array<[string, number]> = [];
    const queue: DeadlineQueue<string> = new DeadlineQueue<string>(1000, (item) => {
      due.push([item, Date.now()]);
      if (item === "first") queue.add("retry");
    });
    queue.add("first");
    vi.advanceTimersByTime(1000);
    vi.advanceTimersByTime(999);
    expect(due).toEqual([["first", 101_000]]);
    vi.advanceTimersByTime(1);
    expect(due).toEqual([
      ["first", 101_000],
      ["retry", 102_000],
    ]);
  });

  it("a wall clock set back holds a deadline no longer than one timeout", () => {
    const due: string[] = [];
    const queue = new DeadlineQueue<string>(1000, (item) => due.push(item));
    queue.add("a");
    vi.setSystemTime(50_000);
    vi.advanceTimersByTime(1000);
    expect(due).toEqual(["a"]);
  });

  it("clear forgets every deadline and its timer", () => {
    const due: string[] = [];
    const queue = new DeadlineQueue<string>(1000, (item) => due.push(item));
    queue.add("a");
    queue.clear();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(due).toEqual([]);
  });
});
