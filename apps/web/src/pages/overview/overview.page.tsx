// Placeholder until the screen is built.
export default function OverviewPage() {
  return <div>OverviewPage</div>;
}
