import { RoleBadge } from "@/components/role-badge";
import { ROLE_DESCRIPTIONS, type Role } from "@/lib/schemas/roles";

interface AccountSummaryProps {
  name: string;
  email: string;
  role: Role;
}

/** Who the user is signed in as, and what their role lets them do. */
export function AccountSummary({ name, email, role }: AccountSummaryProps) {
  const rows = [
    { term: "Name", value: name },
    { term: "Email", value: email },
  ];
  return (
    <dl className="grid gap-4 sm:grid-cols-[8rem_1fr]">
      {rows.map((row) => (
        <div key={row.term} className="contents">
          <dt className="text-sm text-muted-foreground">{row.term}</dt>
          <dd className="font-medium break-all">{row.value}</dd>
        </div>
      ))}
      <div className="contents">
        <dt className="text-sm text-muted-foreground">Role</dt>
        <dd className="flex flex-col items-start gap-1.5">
          <RoleBadge role={role} />
          <span className="text-sm text-muted-foreground">{ROLE_DESCRIPTIONS[role]}</span>
        </dd>
      </div>
    </dl>
  );
}
