// Placeholder until the screen is built.
export default function AuditPage() {
  return <div>AuditPage</div>;
}
