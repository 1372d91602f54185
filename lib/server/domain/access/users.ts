import { randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { CreateUserInput, ChangeRoleInput, FirstAdminInput } from "@/lib/schemas/account";
import type { Role } from "@/lib/schemas/roles";
import { actorOf, recordAudit } from "../audit";
import type { Caller } from "../caller";
import { notFound, requireRole } from "../caller";
import type { Db } from "../../ops/db-client";
import { AppError } from "../errors";

/** The credential provider id better-auth uses for email-and-password accounts. */
const CREDENTIAL_PROVIDER = "credential";

/** Serialises first-admin creation and admin-count checks across processes. */
const USERS_LOCK = 73_011;

export type UserSummary = {
  id: string;
  name: string;
  email: string;
  role: Role;
  mustChangePassword: boolean;
  createdAt: Date;
};

const summary = {
  id: true,
  name: true,
  email: true,
  role: true,
  mustChangePassword: true,
  createdAt: true,
} as const;

/** Whether anyone has an account yet (the sign-in page offers first-admin creation until then). */
export async function hasAnyUser(db: Db): Promise<boolean> {
  return (await db.user.count()) > 0;
}

/** Letters and digits that cannot be mistaken for one another when read out or retyped. */
const UNAMBIGUOUS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

/** A random password for a new account (about 115 bits), shown once to the admin who created it. */
export function generateOneTimePassword(): string {
  const bytes = randomBytes(40);
  let password = "";
  // Rejection sampling keeps every character equally likely.
  for (const byte of bytes) {
    if (byte < 256 - (256 % UNAMBIGUOUS.length)) password += UNAMBIGUOUS[byte % UNAMBIGUOUS.length];
    if (password.length === 20) break;
  }
  return password.length === 20 ? password : generateOneTimePassword();
}

type UnsafeCreateInput = {
  name: string;
  email: string;
  role: Role;
  password: string;
  mustChangePassword: boolean;
};

/**
 * Creates a user with an email-and-password account, with no authorization check: for the
 * first-admin flow, the command line, and the checked functions below.
 */
export async function unsafeCreateUser(
  db: Pick<Db, "user" | "account">,
  input: UnsafeCreateInput,
): Promise<UserSummary> {
  const existing = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true },
  });
  if (existing)
    throw new AppError("CONFLICT", `A user with the email ${input.email} already exists.`);
  const id = randomUUID();
  const user = await db.user.create({
    data: {
      id,
      name: input.name,
      email: input.email,
      emailVerified: false,
      role: input.role,
      mustChangePassword: input.mustChangePassword,
    },
    select: summary,
  });
  await db.account.create({
    data: {
      id: randomUUID(),
      userId: id,
      accountId: id,
      providerId: CREDENTIAL_PROVIDER,
      password: await hashPassword(input.password),
    },
  });
  return user;
}

/**
 * Creates the first administrator, only while no user exists. The transaction-scoped advisory
 * lock makes two simultaneous first-run submissions create one admin, not two.
 */
export async function createFirstAdmin(
  db: Db,
  input: FirstAdminInput,
  ipAddress: string | null,
): Promise<UserSummary> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${USERS_LOCK})`;
    if ((await tx.user.count()) > 0) {
      throw new AppError("CONFLICT", "An administrator already exists. Sign in instead.");
    }
    const user = await unsafeCreateUser(tx, { ...input, role: "admin", mustChangePassword: false });
    await recordAudit(tx, {
      action: "user.first_admin_created",
      actor: { id: user.id, email: user.email },
      targetType: "user",
      targetId: user.id,
      ipAddress,
    });
    return user;
  });
}

/** Admins create users with a one-time password that the new user must replace. */
export async function createUser(
  caller: Caller,
  db: Db,
  input: CreateUserInput,
): Promise<{ user: UserSummary; oneTimePassword: string }> {
  requireRole(caller, "admin");
  const oneTimePassword = generateOneTimePassword();
  const user = await db.$transaction(async (tx) => {
    const created = await unsafeCreateUser(tx, {
      ...input,
      password: oneTimePassword,
      mustChangePassword: true,
    });
    await recordAudit(tx, {
      action: "user.created",
      actor: actorOf(caller),
      targetType: "user",
      targetId: created.id,
      detail: { email: created.email, role: created.role },
      ipAddress: caller.ipAddress,
    });
    return created;
  });
  return { user, oneTimePassword };
}

export async function listUsers(caller: Caller, db: Db): Promise<UserSummary[]> {
  requireRole(caller, "admin");
  return db.user.findMany({ select: summary, orderBy: [{ createdAt: "asc" }, { email: "asc" }] });
}

/** Changes a role; refuses to leave Crossbench without an administrator. */
export async function changeUserRole(
  caller: Caller,
  db: Db,
  input: ChangeRoleInput,
): Promise<UserSummary> {
  requireRole(caller, "admin");
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${USERS_LOCK})`;
    const target = await tx.user.findUnique({ where: { id: input.userId }, select: summary });
    if (!target) notFound("That user");
    if (target.role === input.role) return target;
    if (target.role === "admin" && input.role !== "admin") {
      const admins = await tx.user.count({ where: { role: "admin" } });
      if (admins <= 1) {
        throw new AppError(
          "CONFLICT",
          "This is the last administrator; make someone else an admin first.",
        );
      }
    }
    const updated = await tx.user.update({
      where: { id: target.id },
      data: { role: input.role },
      select: summary,
    });
    await recordAudit(tx, {
      action: "user.role_changed",
      actor: actorOf(caller),
      targetType: "user",
      targetId: target.id,
      detail: { email: target.email, from: target.role, to: input.role },
      ipAddress: caller.ipAddress,
    });
    return updated;
  });
}
