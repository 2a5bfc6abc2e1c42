// Placeholder until the screen is built.
export default function ProjectDetailPage() {
  return <div>ProjectDetailPage</div>;
}
