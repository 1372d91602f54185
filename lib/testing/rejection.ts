import { expect } from "vitest";

/**
 * What `promise` rejects with, checked to be a `type`: fails the test when the promise resolves
 * or rejects with anything else.
 */
export async function rejectionOf<E extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error, `expected a ${type.name}`).toBeInstanceOf(type);
  return error as E;
}
