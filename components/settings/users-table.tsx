"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type ChangeEvent } from "react";

import type { ServerAction } from "@/components/forms/action-result";
import { UNREACHABLE_SHORT_MESSAGE } from "@/components/forms/use-action-form";
import { formatDay } from "@/lib/format";
import { formatRole } from "@/components/role-badge";
import { Badge } from "@/components/ui/badge";
import { NativeSelect } from "@/components/ui/native-select";
import { TableFrame } from "@/components/ui/table-frame";
import type { ChangeRoleInput } from "@/lib/schemas/account";
import { ROLES, roleSchema, type Role } from "@/lib/schemas/roles";

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  mustChangePassword: boolean;
  createdAt: Date;
}

type ChangeRole = ServerAction<ChangeRoleInput, unknown>;

/**
 * The role of one user, changed as soon as another is picked. Picks made while a change is on its
 * way are coalesced into one more request (keyboards step through options one change at a time).
 * A refusal, such as demoting the last administrator, puts the old role back and says why.
 * It keeps its own state rather than useActionForm's: it has no form or submit, and a change made
 * while one is on its way is queued, where useActionForm ignores a submit while one is pending.
 * Its network failure says the shared UNREACHABLE_SHORT_MESSAGE.
 */
function RoleSelect({ user, changeRole }: { user: UserRow; changeRole: ChangeRole }) {
  const router = useRouter();
  const errorId = useId();
  const [shownRole, setShownRole] = useState<Role>(user.role);
  const [serverRole, setServerRole] = useState<Role>(user.role);
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const confirmedRole = useRef<Role>(user.role);
  const wantedRole = useRef<Role>(user.role);
  const isSending = useRef(false);

  // A refresh brought a different role (someone else changed it): show that one.
  if (user.role !== serverRole) {
    setServerRole(user.role);
    setShownRole(user.role);
  }

  async function sendWanted() {
    isSending.current = true;
    setIsPending(true);
    confirmedRole.current = serverRole;
    let failure: string | null = null;
    while (wantedRole.current !== confirmedRole.current) {
      const role = wantedRole.current;
      try {
        const result = await changeRole({ userId: user.id, role });
        if (!result.ok) failure = result.error.message;
        else confirmedRole.current = role;
      } catch {
        failure = UNREACHABLE_SHORT_MESSAGE;
      }
      if (failure) break;
    }
    isSending.current = false;
    setIsPending(false);
    if (failure) {
      wantedRole.current = confirmedRole.current;
      setShownRole(confirmedRole.current);
      setError(failure);
    }
    router.refresh();
  }

  function handleChange(event: ChangeEvent<HTMLSelectElement>) {
    const parsed = roleSchema.safeParse(event.target.value);
    if (!parsed.success) return;
    setShownRole(parsed.data);
    setError(null);
    wantedRole.current = parsed.data;
    if (!isSending.current) void sendWanted();
  }

  return (
    <div className="flex w-40 flex-col gap-1.5">
      <NativeSelect
        aria-label={`Role for ${user.name} (${user.email})`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        aria-busy={isPending || undefined}
        value={shownRole}
        onChange={handleChange}
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {formatRole(role)}
          </option>
        ))}
      </NativeSelect>
      <div aria-live="polite">
        {error ? (
          <p id={errorId} className="text-xs font-medium text-destructive">
            {error}
          </p>
        ) : isPending ? (
          <p className="text-xs text-muted-foreground">Saving…</p>
        ) : null}
      </div>
    </div>
  );
}

interface UsersTableProps {
  users: readonly UserRow[];
  currentUserId: string;
  changeRole: ChangeRole;
}

/** Everyone who can sign in, oldest account first, with their role editable in place. */
export function UsersTable({ users, currentUserId, changeRole }: UsersTableProps) {
  return (
    <TableFrame
      caption="Users, oldest account first"
      head={["Name", "Email", "Role", { label: "Created (UTC)", className: "whitespace-nowrap" }]}
      variant="card"
      headCellClassName="px-4 py-3"
    >
      {users.map((user) => (
        <tr key={user.id} className="align-top">
          <th scope="row" className="px-4 py-3 text-left font-medium">
            <div className="flex flex-col items-start gap-1.5">
              <span className="flex flex-wrap items-center gap-2">
                {user.name}
                {user.id === currentUserId ? <Badge variant="outline">You</Badge> : null}
              </span>
              {user.mustChangePassword ? (
                <Badge variant="secondary">Must change password</Badge>
              ) : null}
            </div>
          </th>
          <td className="px-4 py-3 whitespace-nowrap text-muted-foreground">{user.email}</td>
          <td className="px-4 py-2">
            <RoleSelect user={user} changeRole={changeRole} />
          </td>
          <td className="px-4 py-3 whitespace-nowrap text-muted-foreground tabular-nums">
            <time dateTime={user.createdAt.toISOString()}>{formatDay(user.createdAt)}</time>
          </td>
        </tr>
      ))}
    </TableFrame>
  );
}
