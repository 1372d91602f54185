/** The lock-in risk model (product.md, "Lock-in risk"): pure functions, plain data in and out. */
export * from "./bands";
export * from "./comparable";
export * from "./factors";
export * from "./hhi";
export * from "./reference-data";
export * from "./regions";
export * from "./score";
export type * from "./types";
