// Placeholder until the screen is built.
export default function SourcesPage() {
  return <div>SourcesPage</div>;
}
