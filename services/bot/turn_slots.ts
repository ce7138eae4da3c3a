/**
 * How many assistant turns work at once in one process. A turn holds a slot while it works (opens
 * the conversation, streams the model's answer, runs tools, stores the reply) and gives it back
 * while it only waits for the model to begin answering; a new turn waits, first come first served,
 * until a slot is free. A turn whose model has begun to answer takes its slot back at once, even
 * over the limit: what is already streaming to a customer goes before what has not begun. A
 * process out of CPU then forwards each model chunk as it comes instead of slicing every turn
 * thinner, while turns waiting on a slow model do not hold others back.
 * @module
 */

/** A turn's hold on a slot. */
export interface Slot {
  /** Gives the slot back while the turn waits for the model. */
  pause(): void;
  /** Takes a slot back at once, over the limit if need be (the model has begun to answer). */
  resume(): void;
  /** Gives the slot back for good; the turn is over. */
  release(): void;
}

/** A counting semaphore, first come first served, whose holders may step out and back in. */
export class TurnSlots {
  #free: number;
  #waiting: (() => void)[] = [];

  /** Allows `size` working turns at once. */
  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError("size must be 1 or more");
    this.#free = size;
  }

  /** Turns waiting for a slot now. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Slots free now (negative while resumed turns run over the limit). */
  get free(): number {
    return this.#free;
  }

  /** Waits for a slot. */
  async take(): Promise<Slot> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    let holding = true;
    let over = false;
    return {
      pause: () => {
        if (!holding || over) return;
        holding = false;
        this.#giveBack();
      },
      resume: () => {
        if (holding || over) return;
        holding = true;
        this.#free--;
      },
      release: () => {
        if (over) return;
        over = true;
        if (holding) this.#giveBack();
      },
    };
  }

  #giveBack() {
    this.#free++;
    while (this.#free > 0 && this.#waiting.length > 0) {
      this.#free--;
      this.#waiting.shift()!();
    }
  }
}
