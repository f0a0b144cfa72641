/**
 * Upper bounds on every number a person, a POS or a program's settings can put into the
 * ledger. Totals are int8 columns read as JS numbers, exact to 2^53 (about 9 * 10^15): with
 * at most 10^12 per sale and per entry, a member would need thousands of maximal sales before
 * a total came near that, while a sale of 10^12 minor units is still a large one in a currency
 * without minor units (a trillion rials). Past a bound the input is refused with a field error.
 */
export const limits = {
  /** One sale's amount, in minor units. */
  maxAmountMinor: 1_000_000_000_000,
  /** One ledger entry's points, either sign. */
  maxEntryPoints: 1_000_000_000_000,
  /** A member's balance and lifetime points. */
  maxBalancePoints: 1_000_000_000_000_000,
  /** Earn rate: at most this many points per `perMinor` minor units... */
  maxRatePoints: 1_000,
  /** ...and `perMinor` at most this many minor units. */
  maxRatePerMinor: 1_000_000_000,
  /** A campaign's or tier's multiplier, in percent (1,000 = ten times the base). */
  maxMultiplierPercent: 1_000,
  /** A fixed bonus or a prize, in points. */
  maxBonusPoints: 1_000_000_000,
  /** Lines on one sale. */
  maxPurchaseLines: 500,
  /** An uploaded image (a logo, a reward's picture), in bytes. */
  maxImageBytes: 2 * 1024 * 1024,
} as const;

/**
 * How far a sale's time may lie from now: far enough back for a late POS upload, a little
 * ahead for a till whose clock runs fast. A program's settings may narrow or widen it within
 * the outer bounds below.
 */
export const saleTimeWindow = {
  defaultDaysBack: 90,
  defaultMinutesAhead: 5,
  maxDaysBack: 366,
  maxMinutesAhead: 60,
} as const;
